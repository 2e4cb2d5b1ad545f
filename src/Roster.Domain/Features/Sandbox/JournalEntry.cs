namespace Roster.Domain.Sandbox;

/// <summary>
/// One request and its answer as the journal keeps it, with every secret already replaced by <c>***</c>.
/// <see cref="At"/> is on the store's clock (so "since T" agrees with a moved clock); <see cref="Status"/> is 0 when
/// the connection was dropped; <see cref="Fault"/> names the fault rule that answered, if one did.
/// </summary>
public sealed record JournalEntry(
    long Id, DateTimeOffset At, string Method, string Path, string? Query, string? Operation, string? AccountId, string? UserId,
    int Status, int? Code, double DurationMs, string? RequestBody, string? ResponseBody, string? Fault, string? TrackingId);
