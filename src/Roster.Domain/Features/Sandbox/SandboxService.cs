using System.Text.RegularExpressions;
using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Errors;
using Roster.Domain.Events;

namespace Roster.Domain.Sandbox;

/// <summary>
/// The sandbox's control of the whole state: named snapshots, and reset (back to the <c>bootstrap</c> snapshot taken
/// at the first start). A restore is one transaction: every node sees the old state or the new one, never a mix. It
/// keeps what is not state (signing keys, the cookie key ring, the store's id, the sandbox admin key), keeps the
/// primary app's current secret (the credentials its users hold), advances the store's generation so every node's
/// memory forgets the old state, and is followed on this node before it answers.
/// </summary>
public sealed partial class SandboxService(IRosterStore store, StoreClock clock, StoreFollower follower)
{
    /// <summary>The longest a single move of the clock may be (ten years).</summary>
    public static readonly TimeSpan MaxMove = TimeSpan.FromDays(3653);
    public const string BootstrapSnapshot = "bootstrap";
    public const string AdminKeyMeta = "sandbox_admin_key";
    public const string DataProtectionMeta = "dataprotection_keys";

    /// <summary>Meta keys that are not state: never copied into a snapshot, never replaced by a restore.</summary>
    public static readonly IReadOnlyCollection<string> KeptMeta =
    [
        BootstrapService.KeyMeta, DataProtectionMeta, StoreGeneration.MetaKey, BootstrapService.StoreIdMeta, AdminKeyMeta, FaultRules.MetaKey,
        // where webhook fan-out stands in the outbox: a reader's position, not state (it only moves forward)
        Webhooks.WebhookDispatcher.CursorMetaKey,
    ];

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    static void CheckName(string name, bool forWriting)
    {
        if (!NamePattern().IsMatch(name)) throw Fail.InvalidField("name");
        if (forWriting && name == BootstrapSnapshot)
            throw Fail.Invalid($"The snapshot \"{BootstrapSnapshot}\" is the reset point taken at the first start; choose another name.");
    }

    /// <summary>At start: takes the reset point if the store has none (a new store: its bootstrap state).</summary>
    public Task EnsureResetPointAsync(CancellationToken ct = default)
        => store.Write(async s =>
        {
            if (!(await s.ListSnapshotsAsync()).Any(x => x.Name == BootstrapSnapshot))
                await s.SaveSnapshotAsync(BootstrapSnapshot, clock.GetUtcNow(), KeptMeta);
            return true;
        }, ct);

    static string HashKey(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// The sandbox admin key: <paramref name="chosen"/> (ROSTER_ADMIN_KEY) when given, else the one made at the first
    /// start. Only its hash is stored. Returns the key when it was made now (to be shown once and kept in the credentials file).
    /// </summary>
    public Task<string?> EnsureAdminKeyAsync(string? chosen, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var stored = await s.GetMetaHeldAsync(AdminKeyMeta);
            if (chosen is not null)
            {
                if (stored != HashKey(chosen)) await s.SetMetaAsync(AdminKeyMeta, HashKey(chosen));
                return null;
            }
            if (stored is not null) return null;
            var made = "rsk_" + Ids.Random(24);
            await s.SetMetaAsync(AdminKeyMeta, HashKey(made));
            return (string?)made;
        }, ct);

    /// <summary>Whether <paramref name="presented"/> is the sandbox admin key (compared in constant time).</summary>
    public async Task<bool> IsAdminKeyAsync(string? presented, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 200) return false;
        var stored = await store.ReadAsync(s => s.GetMetaAsync(AdminKeyMeta), ct);
        return stored is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(HashKey(presented)));
    }

    public Task<IReadOnlyList<SnapshotInfo>> ListAsync(CancellationToken ct = default) => store.ReadAsync(s => s.ListSnapshotsAsync(), ct);

    public Task<SnapshotInfo> SaveAsync(string name, CancellationToken ct = default)
    {
        CheckName(name, forWriting: true);
        return store.Write(s => s.SaveSnapshotAsync(name, clock.GetUtcNow(), KeptMeta), ct);
    }

    public async Task DeleteAsync(string name, CancellationToken ct = default)
    {
        CheckName(name, forWriting: true);
        if (!await store.Write(s => s.DeleteSnapshotAsync(name), ct)) throw Fail.SnapshotNotFound(name);
    }

    // ---- the virtual clock ----

    StoreClock Clock => clock;

    /// <summary>The store's time, how it is set, and how far it stands from real time.</summary>
    public ClockState ClockNow()
    {
        var real = Clock.Real.GetUtcNow();
        var setting = Clock.Setting;
        var now = setting.Now(real);
        return new ClockState(now, setting, now - real);
    }

    /// <summary>
    /// Sets the clock: to <paramref name="now"/> when given, frozen or running as <paramref name="frozen"/> says (when not
    /// given, as it is). Freezing keeps the time it shows; letting a frozen clock run goes on from where it stood.
    /// </summary>
    public Task<ClockState> SetClockAsync(DateTimeOffset? now, bool? frozen, CancellationToken ct = default)
        => ChangeClockAsync(real =>
        {
            var current = Clock.Setting;
            var target = now ?? current.Now(real);
            if (Math.Abs((target - real).TotalDays) > MaxMove.TotalDays) throw Fail.InvalidField("now");
            var freeze = frozen ?? current.FrozenAt is not null;
            return freeze ? new ClockSetting(TimeSpan.Zero, target) : new ClockSetting(target - real, null);
        }, ct);

    /// <summary>Moves the clock forward by <paramref name="by"/> (frozen or running, it stays so).</summary>
    public Task<ClockState> AdvanceClockAsync(TimeSpan by, CancellationToken ct = default)
    {
        if (by <= TimeSpan.Zero || by > MaxMove) throw Fail.InvalidField("seconds");
        return ChangeClockAsync(_ => Clock.Setting is { FrozenAt: { } at } ? new ClockSetting(TimeSpan.Zero, at + by) : Clock.Setting with { Offset = Clock.Setting.Offset + by }, ct);
    }

    /// <summary>Back to real time.</summary>
    public Task<ClockState> RealTimeAsync(CancellationToken ct = default) => ChangeClockAsync(_ => ClockSetting.RealTime, ct);

    async Task<ClockState> ChangeClockAsync(Func<DateTimeOffset, ClockSetting> change, CancellationToken ct)
    {
        var setting = change(Clock.Real.GetUtcNow());
        var changed = DomainEvent.Of("", null, ClockChanged.Of(setting)) with
        {
            Id = Ids.Random(), OccurredAt = Clock.Real.GetUtcNow(),
        };
        await store.Write(async s =>
        {
            await s.SetMetaAsync(StoreClock.MetaKey, StoreClock.Serialize(setting));
            await s.AppendEventAsync(changed);
            return true;
        }, ct);
        await follower.AppliedHereAsync([changed], ct); // this node at once; the others through their followers
        return ClockNow();
    }

    // ---- fault rules ----

    /// <summary>Adds a fault rule for every node (matched after the rules added before it).</summary>
    public async Task<FaultInfo> AddFaultAsync(FaultSpec spec, CancellationToken ct = default)
    {
        FaultRules.Validate(spec);
        var rule = new FaultDefinition("flt_" + Ids.Random(12), spec, clock.GetUtcNow());
        await ChangeFaultsAsync(rules =>
        {
            if (rules.Count >= FaultRules.MaxRules) throw Fail.Invalid($"At most {FaultRules.MaxRules} fault rules can be set; delete some first.");
            return [.. rules, rule];
        }, ct);
        return new FaultInfo(rule.Id, spec, rule.CreatedAt, 0, 0, false);
    }

    /// <summary>Deletes a fault rule; false when there is none with that id.</summary>
    public async Task<bool> RemoveFaultAsync(string id, CancellationToken ct = default)
    {
        var found = false;
        await ChangeFaultsAsync(rules =>
        {
            found = rules.Any(r => r.Id == id);
            return found ? rules.Where(r => r.Id != id).ToList() : null;
        }, ct);
        return found;
    }

    public Task ClearFaultsAsync(CancellationToken ct = default) => ChangeFaultsAsync(rules => rules.Count == 0 ? null : [], ct);

    /// <summary>Changes the stored rules in one transaction (null: no change) and has this node follow at once.</summary>
    async Task ChangeFaultsAsync(Func<List<FaultDefinition>, List<FaultDefinition>?> change, CancellationToken ct)
    {
        var changed = await store.Write(async s =>
        {
            var next = change(FaultDefinition.Parse(await s.GetMetaHeldAsync(FaultRules.MetaKey)));
            if (next is null) return null;
            await s.SetMetaAsync(FaultRules.MetaKey, FaultDefinition.ToJson(next).ToJsonString());
            var e = DomainEvent.Of("", null, FaultsChanged.Of(next)) with
            {
                Id = Ids.Random(), OccurredAt = clock.GetUtcNow(),
            };
            await s.AppendEventAsync(e);
            return e;
        }, ct);
        if (changed is not null) await follower.AppliedHereAsync([changed], ct);
    }

    public Task<Restored> ResetAsync(CancellationToken ct = default) => RestoreAsync(BootstrapSnapshot, ct);

    public async Task<Restored> RestoreAsync(string name, CancellationToken ct = default)
    {
        CheckName(name, forWriting: false);
        (Restored Restored, EventPosition Begins) done;
        try
        {
            done = await store.Write(async s =>
            {
                var primary = await s.GetMetaAsync(BootstrapService.PrimaryClientMeta);
                var current = primary is null ? null : await s.GetAppAsync(primary);
                var snapshot = await s.RestoreSnapshotAsync(name, KeptMeta) ?? throw Fail.SnapshotNotFound(name);
                // the primary app keeps the secret its users hold now (a rotation since the snapshot stays in force)
                if (current is not null && await s.GetAppAsync(current.ClientId) is { } back && back.SecretHash != current.SecretHash)
                    await s.UpdateAppSecretAsync(current.ClientId, current.SecretHash);
                await s.SetMetaAsync(FaultRules.MetaKey, "[]"); // a replaced state starts without fault rules
                var (generation, begins) = await StoreGeneration.AdvanceAsync(s, clock.GetUtcNow(), Ids.Random());
                return (new Restored(snapshot, generation), begins);
            }, ct);
        }
        catch (SnapshotOutdated e)
        {
            throw Fail.SnapshotOutdated(e.Name);
        }
        await follower.ReplacedAsync(done.Restored.Generation, done.Begins, ct); // this node forgets the old state before it answers
        return done.Restored;
    }
}
