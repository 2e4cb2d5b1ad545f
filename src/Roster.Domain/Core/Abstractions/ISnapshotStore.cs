namespace Roster.Domain.Abstractions;

/// <summary>Named copies of the whole state, made and restored inside the session's transaction.</summary>
public interface ISnapshotStore
{
    /// <summary>Copies the state (and the meta keys not in <paramref name="keptMeta"/>) under <paramref name="name"/>, replacing an older copy.</summary>
    Task<Sandbox.SnapshotInfo> SaveSnapshotAsync(string name, DateTimeOffset at, IReadOnlyCollection<string> keptMeta);
    /// <summary>Replaces the state with the copy (emptying rate windows and the outbox); null when there is none.</summary>
    Task<Sandbox.SnapshotInfo?> RestoreSnapshotAsync(string name, IReadOnlyCollection<string> keptMeta);
    Task<IReadOnlyList<Sandbox.SnapshotInfo>> ListSnapshotsAsync();
    Task<bool> DeleteSnapshotAsync(string name);
    /// <summary>Removes an account, its sub accounts and everything of theirs (users, settings, apps, counters, events); returns their ids.</summary>
    Task<IReadOnlyList<string>> DeleteAccountTreeAsync(string accountId);
}
