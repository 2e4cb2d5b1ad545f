namespace Roster.Domain.Sandbox;

/// <summary>A saved copy of the whole state.</summary>
public sealed record SnapshotInfo(string Name, DateTimeOffset CreatedAt, long Users, bool Restorable);
