namespace Roster.Domain.Sandbox;

/// <summary>
/// One fault rule as asked for. It matches a call when every condition given holds (none given: every call): the
/// operation id, the method, the path (<c>*</c> one segment or part of one, <c>**</c> anything), the caller's account
/// and the target user (as named in the path; <c>me</c> counts as the caller). Of the matching calls, it hits from the
/// <see cref="Nth"/>-th on, each with <see cref="Probability"/>, at most <see cref="Times"/> times, until <see cref="ExpiresAt"/>.
/// </summary>
public sealed record FaultSpec(
    FaultKind Kind,
    string? Operation = null, string? Method = null, string? Path = null, string? AccountId = null, string? UserId = null,
    int? Status = null, int? Code = null, string? Message = null, int? RetryAfterSeconds = null, int DelayMs = 0,
    int Nth = 1, double Probability = 1.0, int? Seed = null, int? Times = null, DateTimeOffset? ExpiresAt = null);
