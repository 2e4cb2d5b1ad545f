namespace Roster.Server.Hosting;

public sealed record FaultRequest(string? Fault, string? Operation, string? Method, string? Path, string? AccountId, string? UserId, int? Status, int? Code,
    string? Message, int? RetryAfter, int? DelayMs, int? Nth, double? Probability, int? Seed, int? Times, double? TtlSeconds);

public sealed record FaultDto(string Id, string Fault, string? Operation, string? Method, string? Path, string? AccountId, string? UserId, int? Status, int? Code,
    string? Message, int? RetryAfter, int DelayMs, int Nth, double Probability, int? Times, string? ExpiresAt, string CreatedAt, long Matched, long Hits, bool Spent);

public sealed record FaultListDto(IReadOnlyList<FaultDto> Faults);
