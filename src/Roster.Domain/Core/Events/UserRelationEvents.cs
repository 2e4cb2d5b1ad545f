
namespace Roster.Domain.Events;

/// <summary><c>user.assistants_added</c>: the ids of the assistants added (<c>assistants</c>).</summary>
public sealed record UserAssistantsAdded(EventUser Object) : EventPayload, IUserEvent;

/// <summary><c>user.assistants_deleted</c>: the ids of the assistants removed (<c>assistants</c>).</summary>
public sealed record UserAssistantsDeleted(EventUser Object) : EventPayload, IUserEvent;

/// <summary><c>user.schedulers_deleted</c>: the ids of the schedulers removed (<c>schedulers</c>).</summary>
public sealed record UserSchedulersDeleted(EventUser Object) : EventPayload, IUserEvent;
