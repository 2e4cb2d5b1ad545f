namespace Roster.Domain.Sandbox;

/// <summary>A rule as it stands: how often it matched and hit.</summary>
public sealed record FaultInfo(string Id, FaultSpec Spec, DateTimeOffset CreatedAt, long Matched, long Hits, bool Spent);
