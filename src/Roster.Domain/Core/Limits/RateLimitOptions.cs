namespace Roster.Domain.Limits;

/// <summary>How Roster applies Zoom's limits: as Zoom does, scaled by a factor, or not at all.</summary>
public sealed record RateLimitOptions(RateLimitMode Mode = RateLimitMode.Zoom, double Factor = 1.0);
