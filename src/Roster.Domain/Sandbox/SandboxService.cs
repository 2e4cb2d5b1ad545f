using System.Text.RegularExpressions;

namespace Roster.Domain.Sandbox;

/// <summary>A saved copy of the whole state.</summary>
public sealed record SnapshotInfo(string Name, DateTimeOffset CreatedAt, long Users, bool Restorable);

/// <summary>What a reset or restore did: the snapshot it went back to and the store's new generation.</summary>
public sealed record Restored(SnapshotInfo Snapshot, long Generation);

/// <summary>
/// The sandbox's control of the whole state: named snapshots, and reset (back to the <c>bootstrap</c> snapshot taken
/// at the first start). A restore is one transaction: every node sees the old state or the new one, never a mix. It
/// keeps what is not state (signing keys, the cookie key ring, the store's id, the sandbox admin key), keeps the
/// primary app's current secret (the credentials its users hold), advances the store's generation so every node's
/// memory forgets the old state, and is followed on this node before it answers.
/// </summary>
public sealed partial class SandboxService(IRosterStore store, TimeProvider clock, StoreFollower follower)
{
    public const string BootstrapSnapshot = "bootstrap";
    public const string AdminKeyMeta = "sandbox_admin_key";
    public const string DataProtectionMeta = "dataprotection_keys";

    /// <summary>Meta keys that are not state: never copied into a snapshot, never replaced by a restore.</summary>
    public static readonly IReadOnlyCollection<string> KeptMeta =
        [AccountsService.KeyMeta, DataProtectionMeta, StoreGeneration.MetaKey, AccountsService.StoreIdMeta, AdminKeyMeta];

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
            var stored = await s.GetMetaAsync(AdminKeyMeta);
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

    public Task<Restored> ResetAsync(CancellationToken ct = default) => RestoreAsync(BootstrapSnapshot, ct);

    public async Task<Restored> RestoreAsync(string name, CancellationToken ct = default)
    {
        CheckName(name, forWriting: false);
        Restored restored;
        try
        {
            restored = await store.Write(async s =>
            {
                var primary = await s.GetMetaAsync(AccountsService.PrimaryClientMeta);
                var current = primary is null ? null : await s.GetAppAsync(primary);
                var snapshot = await s.RestoreSnapshotAsync(name, KeptMeta) ?? throw Fail.SnapshotNotFound(name);
                // the primary app keeps the secret its users hold now (a rotation since the snapshot stays in force)
                if (current is not null && await s.GetAppAsync(current.ClientId) is { } back && back.SecretHash != current.SecretHash)
                    await s.UpdateAppSecretAsync(current.ClientId, current.SecretHash);
                var generation = await StoreGeneration.AdvanceAsync(s, clock.GetUtcNow(), Ids.Random());
                return new Restored(snapshot, generation);
            }, ct);
        }
        catch (SnapshotOutdated e)
        {
            throw Fail.SnapshotOutdated(e.Name);
        }
        await follower.CatchUpAsync(ct); // this node forgets the old state before it answers
        return restored;
    }
}
