using static Roster.Domain.Users.UserAccess;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Settings;

namespace Roster.Domain.Groups;

/// <summary>
/// A group's settings and lock settings (<c>/v2/groups/{groupId}/settings</c>, <c>/lock_settings</c>): read, and merge-PATCH
/// with the user settings' schema. Members read them through their own settings (<see cref="SettingsInheritance"/>), so a
/// change here is one row written, never one per member. Writes need a paid account (Zoom's code 200).
/// </summary>
public sealed class GroupSettingsService(IRosterStore store, TimeProvider clock)
{
    static void CheckOption(string? option)
    {
        if (!string.IsNullOrEmpty(option) && !SettingsOptions.All.Contains(option)) throw Fail.InvalidField("option");
    }

    /// <summary>The scope, the caller's role, the group of its account (held for a write), and for a write a paid account.</summary>
    static async Task<Group> Open(IStoreSession s, Caller caller, string groupId, Operation op, bool write)
    {
        await GroupsService.Allowed(s, caller, op);
        var group = await GroupsService.Find(s, caller, groupId, hold: write);
        if (write && !(await AccountOf(s, caller.AccountId)).IsPaid) throw Fail.GroupsNeedPaidAccount(caller.AccountId);
        return group;
    }

    public Task<JsonObject> GetSettingsAsync(Caller caller, string groupId, string? option, string? customQueryFields, CancellationToken ct = default)
    {
        GroupSettingsOperations.GetSettings.Authorize(caller, targetIsSelf: false);
        CheckOption(option);
        return store.ReadAsync(async s =>
        {
            var group = await Open(s, caller, groupId, GroupSettingsOperations.GetSettings, write: false);
            var settings = new GroupSettings((await s.GetGroupSettingsAsync(group.Id))?.Doc);
            switch (option)
            {
                case SettingsOptions.MeetingSecurity:
                    return settings.MeetingSecurity();
                case SettingsOptions.MeetingAuthentication or SettingsOptions.RecordingAuthentication:
                    var account = await AccountOf(s, group.AccountId);
                    return settings.Authentication(option, account.Id, account.ManagedDomains);
                default:
                    var fields = string.IsNullOrWhiteSpace(customQueryFields)
                        ? null
                        : customQueryFields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                    return settings.Full(fields);
            }
        }, ct);
    }

    /// <summary>Merges a PATCH in one transaction (the group held); <c>group.settings_updated</c> with the leaves that changed.</summary>
    public Task UpdateSettingsAsync(Caller caller, string groupId, string? option, JsonObject body, CancellationToken ct = default)
    {
        GroupSettingsOperations.UpdateSettings.Authorize(caller, targetIsSelf: false);
        CheckOption(option);
        return store.Write(async s =>
        {
            var group = await Open(s, caller, groupId, GroupSettingsOperations.UpdateSettings, write: true);
            var settings = new GroupSettings((await s.GetGroupSettingsAsync(group.Id))?.Doc);
            var (changed, previous) = await settings.PatchOptionAsync(option, body, () => AccountOf(s, group.AccountId), () => settings.PatchFull(body));
            if (changed.Count == 0) return true; // nothing changes, nothing is written or recorded
            await s.SaveGroupSettingsAsync(group.Id, settings.ToJson());
            await Record(s, clock, caller, DomainEvent.Of(group.AccountId, group.Id,
                new GroupSettingsUpdated(new EventGroupSettings(group.Id, changed), new EventGroupSettings(group.Id, previous))));
            return true;
        }, ct);
    }

    /// <summary>Only <c>meeting_security</c> is an <c>option</c> of the lock settings.</summary>
    static void CheckLockOption(string? option)
    {
        if (!string.IsNullOrEmpty(option) && option != SettingsOptions.MeetingSecurity) throw Fail.InvalidField("option");
    }

    static JsonObject LocksOf(GroupSettingsRow? row) => row is null ? new JsonObject() : JsonNode.Parse(row.Locks)!.AsObject();

    public Task<JsonObject> GetLockSettingsAsync(Caller caller, string groupId, string? option, CancellationToken ct = default)
    {
        GroupSettingsOperations.GetLockSettings.Authorize(caller, targetIsSelf: false);
        CheckLockOption(option);
        return store.ReadAsync(async s =>
        {
            var group = await Open(s, caller, groupId, GroupSettingsOperations.GetLockSettings, write: false);
            var locks = LocksOf(await s.GetGroupSettingsAsync(group.Id));
            return option == SettingsOptions.MeetingSecurity ? LockSettings.MeetingSecurity(locks) : LockSettings.Full(locks);
        }, ct);
    }

    /// <summary>Merges a PATCH of lock leaves (all booleans); <c>group.lock_settings_updated</c> with the leaves that changed.</summary>
    public Task UpdateLockSettingsAsync(Caller caller, string groupId, string? option, JsonObject body, CancellationToken ct = default)
    {
        GroupSettingsOperations.UpdateLockSettings.Authorize(caller, targetIsSelf: false);
        CheckLockOption(option);
        return store.Write(async s =>
        {
            var group = await Open(s, caller, groupId, GroupSettingsOperations.UpdateLockSettings, write: true);
            var clean = LockSettings.Clean(body, option == SettingsOptions.MeetingSecurity ? [SettingsOptions.MeetingSecurity] : GroupSettings.Sections);
            var locks = LocksOf(await s.GetGroupSettingsAsync(group.Id));
            var before = LockSettings.Full(locks);
            before[SettingsOptions.MeetingSecurity] = LockSettings.MeetingSecurity(locks)[SettingsOptions.MeetingSecurity]!.DeepClone();
            foreach (var (section, value) in clean)
            {
                if (locks[section] is not JsonObject existing) locks[section] = existing = new JsonObject();
                SettingsSchema.Merge(existing, value!.AsObject());
            }
            var (changed, previous) = Changes.DiffPatch(before, clean);
            if (changed.Count == 0) return true;
            await s.SaveGroupLocksAsync(group.Id, locks.ToJsonString());
            await Record(s, clock, caller, DomainEvent.Of(group.AccountId, group.Id,
                new GroupLockSettingsUpdated(new EventGroupSettings(group.Id, changed), new EventGroupSettings(group.Id, previous))));
            return true;
        }, ct);
    }
}
