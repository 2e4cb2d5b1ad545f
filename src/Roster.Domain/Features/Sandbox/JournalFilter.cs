namespace Roster.Domain.Sandbox;

/// <summary>
/// Which entries to find: each condition given must hold. <see cref="Path"/> takes <c>*</c> and <c>**</c> as fault rules
/// do; <see cref="Body"/> matches when every member it names is in the request's JSON body with an equal value
/// (objects compared member by member, the same way down; arrays and values whole).
/// </summary>
public sealed record JournalFilter(
    string? Operation = null, string? Method = null, string? Path = null, int? Status = null, int? Code = null, string? AccountId = null,
    string? UserId = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null, long? After = null, bool? Faulted = null, JsonNode? Body = null);
