namespace Roster.Domain.Sandbox;

/// <summary>What a reset or restore did: the snapshot it went back to and the store's new generation.</summary>
public sealed record Restored(SnapshotInfo Snapshot, long Generation);
