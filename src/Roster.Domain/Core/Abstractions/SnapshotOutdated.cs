namespace Roster.Domain.Abstractions;

/// <summary>A snapshot made by another schema version: its columns are not this build's.</summary>
public sealed class SnapshotOutdated(string name) : Exception($"snapshot {name} was made by another schema version")
{
    public string Name { get; } = name;
}
