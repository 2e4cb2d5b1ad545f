using System.Threading.RateLimiting;

namespace Roster.Server.Auth;

/// <summary>
/// Slows guessing: every failed client secret, sign-in or invitation token takes a permit from a bucket per client
/// id, e-mail and remote address; an empty bucket means 429 until it refills. Successes cost nothing. Kept in each
/// node's memory (a bound per node is enough to make guessing impractical).
/// </summary>
public sealed class FailureThrottle : IDisposable
{
    /// <summary>Failures allowed at once, and one more every <see cref="Refill"/>.</summary>
    public const int Burst = 10;
    public static readonly TimeSpan Refill = TimeSpan.FromSeconds(6);

    readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst, TokensPerPeriod = 1, ReplenishmentPeriod = Refill, QueueLimit = 0, AutoReplenishment = true,
        }));

    static IEnumerable<string> Keys(HttpContext http, string[] subjects)
        => subjects.Where(s => !string.IsNullOrEmpty(s)).Append("ip:" + http.Connection.RemoteIpAddress);

    /// <summary>True when any of the subjects (or the caller's address) has used up its failures.</summary>
    public bool Blocked(HttpContext http, params string[] subjects)
        => Keys(http, subjects).Any(k => _limiter.GetStatistics(k) is { CurrentAvailablePermits: <= 0 });

    public void Failed(HttpContext http, params string[] subjects)
    {
        foreach (var key in Keys(http, subjects)) _limiter.AttemptAcquire(key).Dispose();
    }

    public void Dispose() => _limiter.Dispose();
}
