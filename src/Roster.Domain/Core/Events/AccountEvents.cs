using System.Text.Json.Nodes;

namespace Roster.Domain.Events;

/// <summary><c>account.created</c>: a new account (its name, owner, plan and seats); a sub account's is recorded in its master.</summary>
public sealed record AccountCreated(EventAccount Object) : EventPayload;

/// <summary>
/// <c>account.updated</c>: an account's plan, seats, domains, name or options changed; the changed fields (and the
/// id) in <c>object</c>, their previous values in <c>old_object</c>.
/// </summary>
public sealed record AccountUpdated(JsonObject Object, JsonObject OldObject) : EventPayload;

/// <summary><c>account.disassociated</c>: a sub account left its master (recorded in the master's account).</summary>
public sealed record AccountDisassociated(EventAccount Object) : EventPayload;

/// <summary><c>account.deleted</c>: an account and everything of it were removed (a sandbox test account).</summary>
public sealed record AccountDeleted(EventAccount Object) : EventPayload;
