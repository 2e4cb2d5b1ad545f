namespace Roster.Server.Hosting;

public sealed record SnapshotDto(string Name, string CreatedAt, long Users, bool Restorable);

public sealed record SnapshotListDto(IReadOnlyList<SnapshotDto> Snapshots);

public sealed record RestoredDto(SnapshotDto Snapshot, long Generation);
