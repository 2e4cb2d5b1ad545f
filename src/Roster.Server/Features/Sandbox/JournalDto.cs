namespace Roster.Server.Hosting;

public sealed record JournalEntryDto(long Id, string Time, string Method, string Path, string? Query, string? Operation, string? AccountId, string? UserId,
    int Status, int? Code, double DurationMs, JsonNode? RequestBody, JsonNode? ResponseBody, string? Fault, string? TrackingId);

public sealed record JournalDto(IReadOnlyList<JournalEntryDto> Entries, long? NextAfter);

public sealed record VerifyRequest(string? Operation, string? Method, string? Path, int? Status, int? Code, string? AccountId, string? UserId, string? Since,
    string? Until, long? After, bool? Faulted, JsonNode? Body, int? Count, int? AtLeast, int? AtMost);

public sealed record VerifyDto(bool Ok, int Count, string Expected);
