
namespace Roster.Domain.Events;

/// <summary>A user as group events list it: <c>{id, email}</c>.</summary>
public sealed record EventGroupUser(string Id, string Email);

/// <summary>A group and the members an event is about (<c>{id, members[]}</c>).</summary>
public sealed record EventGroupMembers(string Id, IReadOnlyList<EventGroupUser> Members);

/// <summary>A group and the admins an event is about (<c>{id, admins[]}</c>).</summary>
public sealed record EventGroupAdmins(string Id, IReadOnlyList<EventGroupUser> Admins);

/// <summary><c>group.member_added</c>: the members one call added.</summary>
public sealed record GroupMemberAdded(EventGroupMembers Object) : EventPayload;

/// <summary><c>group.member_deleted</c>: the member removed (by a delete or a move).</summary>
public sealed record GroupMemberDeleted(EventGroupMembers Object) : EventPayload;
