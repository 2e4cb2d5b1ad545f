namespace Roster.Domain.Abstractions;

/// <summary>How many users of an account have this status and type.</summary>
public sealed record UserTally(string Status, long Type, long N);
