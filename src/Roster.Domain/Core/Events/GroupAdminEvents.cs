
namespace Roster.Domain.Events;

/// <summary><c>group.admin_added</c>: the admins one call added.</summary>
public sealed record GroupAdminAdded(EventGroupAdmins Object) : EventPayload;

/// <summary><c>group.admin_deleted</c>: the admin removed.</summary>
public sealed record GroupAdminDeleted(EventGroupAdmins Object) : EventPayload;
