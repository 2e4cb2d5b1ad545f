namespace Roster.Domain.Sandbox;

/// <summary>What an injected fault does to the call it hits.</summary>
public enum FaultKind
{
    /// <summary>Any status and code with a message (<see cref="FaultSpec.Status"/>, <see cref="FaultSpec.Code"/>).</summary>
    Error,
    /// <summary>Zoom's per-second 429 with its rate-limit headers (<c>X-RateLimit-Type: QPS</c>).</summary>
    RateLimit,
    /// <summary>Zoom's daily 429: <c>X-RateLimit-Type: Daily-limit</c> and <c>Retry-After</c> at the next 00:00 UTC.</summary>
    DailyLimit,
    /// <summary>500 in Zoom's shape.</summary>
    ServerError,
    /// <summary>503 with <c>Retry-After</c> in seconds.</summary>
    Unavailable,
    /// <summary>401, code 124, "Access token is expired." (what makes Zoom's clients fetch a new token).</summary>
    ExpiredToken,
    /// <summary>Only latency (<see cref="FaultSpec.DelayMs"/>); the call then runs as usual.</summary>
    Delay,
    /// <summary>The connection is closed without an answer.</summary>
    Drop,
}
