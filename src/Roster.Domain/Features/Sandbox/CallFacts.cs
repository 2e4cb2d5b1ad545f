namespace Roster.Domain.Sandbox;

/// <summary>The call a fault rule is matched against: what routing and authentication know of it.</summary>
public sealed record CallFacts(string Method, string Path, string? Operation, string? AccountId, string? UserId, string? CallerUserId);
