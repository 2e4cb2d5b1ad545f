using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Roster.Domain.Users;

namespace Roster.Domain.Events;

/// <summary><c>user.created</c>: the new user's fields (<see cref="Changes.Snapshot"/>) and how it was made (<c>creation_type</c>).</summary>
public sealed record UserCreated(JsonObject Object) : EventPayload
{
    /// <summary>The <c>action</c> it was created with (<c>create</c>, <c>autoCreate</c>, <c>custCreate</c>, <c>ssoCreate</c>) or <c>subAccount</c>.</summary>
    [JsonIgnore] public string CreationType => Object["creation_type"]?.GetValue<string>() ?? "create";

    public static UserCreated Of(User user, string creationType)
    {
        var created = Changes.Snapshot(user);
        created["creation_type"] = creationType;
        return new(created);
    }
}

/// <summary><c>user.activated</c>: a deactivated user was activated.</summary>
public sealed record UserActivated(EventUser Object) : EventPayload, IUserEvent;

/// <summary><c>user.deactivated</c>: a user was deactivated.</summary>
public sealed record UserDeactivated(EventUser Object) : EventPayload, IUserEvent;

/// <summary><c>user.deleted</c>: a user was deleted for good.</summary>
public sealed record UserDeleted(EventUser Object) : EventPayload, IUserEvent;

/// <summary><c>user.disassociated</c>: a user left the account and goes on as a user of its own.</summary>
public sealed record UserDisassociated(EventUser Object) : EventPayload, IUserEvent;
