using Roster.Domain.Settings;
using static Roster.Domain.Users.UserAccess;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Groups;

namespace Roster.Domain.Users;

/// <summary>A user's settings: the full document, the option views, and merge-PATCH with the schema's rules.</summary>
public sealed class UserSettingsService(IRosterStore store, TimeProvider clock)
{
    DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>A pending user has no settings yet: 404/1001 once the invitation expired, else Zoom's pending-user error.</summary>
    internal static void RefusePending(User user, string verb, DateTimeOffset now)
    {
        if (!user.IsPending) return;
        ThrowIfInvitationExpired(user, now);
        throw Fail.PendingUser($"The settings of a pending user cannot be {verb}.");
    }

    /// <summary>
    /// The user's settings as they read: its own values with what its groups give (their values and locks). A user in no
    /// group reads one row; a member reads its own row and its groups' rows in one statement.
    /// </summary>
    internal static async Task<UserSettings> LoadAsync(IStoreSession s, User user)
    {
        var groups = GroupMembership.GroupsOf(user);
        if (groups.Count == 0) return new UserSettings(await s.GetSettingsAsync(user.Id));
        var layers = await s.GetSettingsLayersAsync(user.Id);
        return new UserSettings(layers.User, SettingsInheritance.Of(groups, layers.Groups));
    }

    // ---- settings ----

    /// <summary>
    /// The leaves the user's groups lock, each with the group that locks it (the first locking group, primary first):
    /// what the console shows beside a setting. Roster has no account-level lock settings, so groups are the only lockers.
    /// </summary>
    public Task<IReadOnlyDictionary<string, Group>> GetLockedByAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.ReadAsync<IReadOnlyDictionary<string, Group>>(async s =>
        {
            var user = await Target(s, caller, userId, Operations.GetSettings);
            RefusePending(user, "accessed", Now);
            var locks = (await LoadAsync(s, user)).Locks;
            var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
            foreach (var id in locks.Select(l => l.GroupId).Distinct(StringComparer.Ordinal))
                if (await s.GetGroupAsync(id) is { } group) groups[id] = group;
            return locks.Where(l => groups.ContainsKey(l.GroupId)).ToDictionary(l => l.Path, l => groups[l.GroupId], StringComparer.Ordinal);
        }, ct);

    public Task<JsonObject> GetSettingsAsync(Caller caller, string userId, string? option, string? customQueryFields, CancellationToken ct = default)
    {
        if (!string.IsNullOrEmpty(option) && !SettingsOptions.All.Contains(option)) throw Fail.InvalidField("option");
        return store.ReadAsync(async s =>
        {
            var user = await Target(s, caller, userId, Operations.GetSettings);
            RefusePending(user, "accessed", Now);
            var settings = await LoadAsync(s, user);
            switch (option)
            {
                case SettingsOptions.MeetingSecurity:
                    return settings.MeetingSecurity();
                case SettingsOptions.MeetingAuthentication or SettingsOptions.RecordingAuthentication:
                    var account = await AccountOf(s, user.AccountId);
                    return settings.Authentication(option, account.Id, account.ManagedDomains);
                default:
                    var fields = string.IsNullOrWhiteSpace(customQueryFields)
                        ? null
                        : customQueryFields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                    return settings.Full(user, fields);
            }
        }, ct);
    }

    /// <summary>Merges a settings PATCH atomically: the read, the merge and the write are one transaction.</summary>
    public Task UpdateSettingsAsync(Caller caller, string userId, string? option, JsonObject body, CancellationToken ct = default)
        => UpdateSettingsAsync(caller, userId, [new SettingsPatch(option, body)], ct);

    /// <summary>
    /// Several settings PATCHes of one user (each as <c>PATCH /users/{userId}/settings</c> with its <c>option</c> takes
    /// it: the same validation and errors) in one transaction: all of them or none. Each part that changed something
    /// records its own event, as the same calls one after the other would.
    /// </summary>
    public Task UpdateSettingsAsync(Caller caller, string userId, IReadOnlyList<SettingsPatch> parts, CancellationToken ct = default)
    {
        foreach (var part in parts)
            if (!string.IsNullOrEmpty(part.Option) && !SettingsOptions.All.Contains(part.Option)) throw Fail.InvalidField("option");
        return store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.UpdateSettings, hold: true);
            RefusePending(user, "changed", Now);
            var settings = await LoadAsync(s, user);
            var events = new List<UserSettingsUpdated>();
            foreach (var (option, body) in parts)
            {
                var (changed, previous) = await settings.PatchOptionAsync(option, body, () => AccountOf(s, user.AccountId), () => settings.PatchFull(user, body));
                if (changed.Count == 0) continue;
                changed["id"] = user.Id;
                previous["id"] = user.Id;
                events.Add(new UserSettingsUpdated(changed, previous));
            }
            await s.SaveSettingsAsync(user.Id, settings.ToJson());
            foreach (var e in events)
                await Record(s, clock, caller, DomainEvent.Of(user, e));
            return true;
        }, ct);
    }
}
