namespace Roster.Storage;

/// <summary>
/// Choices of the store's queries that trade one cost for another; the answers are the same either way. Settings of
/// the host (<c>StoreTuning:BrowseCandidates</c>), given to the store it opens.
/// </summary>
/// <param name="BrowseCandidates">Above this many index entries matching a console search, the user list walks the
/// account's users in order and stops at the page's end, instead of collecting every match first. Tests lower it to
/// cover both ways.</param>
public sealed record StoreTuning(int BrowseCandidates = 100_000);
