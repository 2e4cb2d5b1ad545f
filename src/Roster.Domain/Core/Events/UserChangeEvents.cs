using Roster.Domain.Users;

namespace Roster.Domain.Events;

/// <summary><c>user.updated</c>: a user's profile changed.</summary>
public sealed record UserUpdated(JsonObject Object, JsonObject OldObject) : EventPayload, IUserChanges
{
    /// <summary>The change from <paramref name="before"/> (a <see cref="Changes.Snapshot"/>) to <paramref name="after"/>, or null when nothing changed.</summary>
    public static UserUpdated? Of(JsonObject before, User after) => Changes.UserDiff(before, after) is var (n, o) ? new(n, o) : null;
}

/// <summary><c>user.email_changed</c>: a user's e-mail changed (Zoom's webhook is a <c>user.updated</c>).</summary>
public sealed record UserEmailChanged(JsonObject Object, JsonObject OldObject) : EventPayload, IUserChanges
{
    public static UserEmailChanged? Of(JsonObject before, User after) => Changes.UserDiff(before, after) is var (n, o) ? new(n, o) : null;
}

/// <summary><c>user.account_switched</c>: a user moved to another account (recorded in the account it left).</summary>
public sealed record UserAccountSwitched(JsonObject Object, JsonObject OldObject) : EventPayload, IUserChanges
{
    public static UserAccountSwitched? Of(JsonObject before, User after) => Changes.UserDiff(before, after) is var (n, o) ? new(n, o) : null;
}

/// <summary>
/// <c>user.settings_updated</c>: the settings leaves that changed, new values in <c>object</c> and previous ones in
/// <c>old_object</c>, nested as the settings are (<see cref="Changes.Diff"/>).
/// </summary>
public sealed record UserSettingsUpdated(JsonObject Object, JsonObject OldObject) : EventPayload;
