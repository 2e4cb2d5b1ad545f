namespace Roster.Domain.Webhooks;

/// <summary>The negative statuses of attempts that got no HTTP answer (the spirit of Zoom's webhook-log codes).</summary>
public static class SendFailures
{
    public const int Timeout = -1;
    public const int Refused = -2;
    public const int Tls = -3;
    public const int Network = -4;
    /// <summary>The address is outside the networks deliveries may reach (never retried: it will not change by waiting).</summary>
    public const int Forbidden = -10;
    public const int Dns = -13;

    /// <summary>Whether an attempt that ended so is tried again: 5xx, a timeout, a refused or broken connection; never a 3xx or 4xx.</summary>
    public static bool Retryable(int status) => status >= 500 || (status < 0 && status != Forbidden);
}
