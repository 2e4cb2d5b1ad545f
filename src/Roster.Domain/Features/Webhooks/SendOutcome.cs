namespace Roster.Domain.Webhooks;

/// <summary>What one request came to: status (negative: <see cref="SendFailures"/>), time taken, why it failed, and the start of the answer.</summary>
public sealed record SendOutcome(int Status, long LatencyMs, string? Failure, string? Response)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
