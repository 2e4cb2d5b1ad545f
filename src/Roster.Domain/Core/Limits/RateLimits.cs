using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;

namespace Roster.Domain.Limits;

public enum RateLimitMode { Zoom, Off }

/// <summary>How Roster applies Zoom's limits: as Zoom does, scaled by a factor, or not at all.</summary>
public sealed record RateLimitOptions(RateLimitMode Mode = RateLimitMode.Zoom, double Factor = 1.0);

/// <summary>
/// Counts requests in fixed windows. <see cref="TryTakeAsync"/> adds one to the window named by
/// <paramref name="key"/> and <paramref name="window"/> unless it already holds <paramref name="limit"/>; it returns
/// the new count, or -1 when the window is full. One node keeps counts in memory; nodes sharing a store count there.
/// </summary>
public interface IRateCounter
{
    ValueTask<long> TryTakeAsync(string key, long window, int limit);
}

/// <summary>Counts in this process (one node); a replaced state (a reset) starts every window afresh.</summary>
public sealed class MemoryRateCounter : IRateCounter, Events.IFollowsStore
{
    sealed class Window
    {
        public long Key;
        public long Count;
    }

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public ValueTask ForgetAsync(CancellationToken ct)
    {
        _windows.Clear();
        return ValueTask.CompletedTask;
    }

    public ValueTask<long> TryTakeAsync(string key, long window, int limit)
    {
        var w = _windows.GetOrAdd(key, _ => new Window());
        lock (w)
        {
            if (window > w.Key)
            {
                // windows only move forward; a late request of an older window counts against the current one
                w.Key = window;
                w.Count = 0;
            }
            if (w.Count >= limit) return ValueTask.FromResult(-1L);
            return ValueTask.FromResult(++w.Count);
        }
    }
}

/// <summary>The verdict for one request: the headers to send, and the error when it is refused.</summary>
public sealed record RateDecision(string Category, int Limit, int Remaining, string? Type, DateTimeOffset? RetryAfter, ZoomError? Error)
{
    /// <summary>Zoom's rate-limit headers for this verdict (reference §11), built in this one place.</summary>
    public Dictionary<string, string> Headers()
    {
        var headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Category"] = Category,
            ["X-RateLimit-Limit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Remaining"] = Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (Type is { } type) headers["X-RateLimit-Type"] = type;
        if (RetryAfter is { } at) headers["Retry-After"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return headers;
    }

    /// <summary>The refusal with its headers, ready to throw.</summary>
    public ZoomException Refusal() => new(Error! with { Headers = Headers() });
}

/// <summary>
/// Zoom's rate limits (reference §11): per account, per label, per second by plan, plus the Free plan's daily
/// caps. Counted in fixed one-second windows aligned to the clock, so no more than the limit passes in any
/// such second, however many requests arrive at once, on however many nodes share the counter.
/// </summary>
public sealed class RateLimiter(RateLimitOptions options, TimeProvider clock, IRateCounter counter)
{
    static readonly Dictionary<(string Plan, RateLabel Label), int> PerSecond = new()
    {
        [(Plans.Free, RateLabel.Light)] = 4, [(Plans.Free, RateLabel.Medium)] = 2, [(Plans.Free, RateLabel.Heavy)] = 1,
        [(Plans.Pro, RateLabel.Light)] = 30, [(Plans.Pro, RateLabel.Medium)] = 20, [(Plans.Pro, RateLabel.Heavy)] = 10,
        [(Plans.Business, RateLabel.Light)] = 80, [(Plans.Business, RateLabel.Medium)] = 60, [(Plans.Business, RateLabel.Heavy)] = 40,
    };

    static readonly Dictionary<RateLabel, int> FreeDaily = new() { [RateLabel.Light] = 6000, [RateLabel.Medium] = 2000, [RateLabel.Heavy] = 1000 };

    /// <summary>Daily quota of <c>POST /users</c> with <c>action=create</c> (reference §3.7).</summary>
    public int CreateQuota(string plan) => Scale(plan switch { Plans.Free => 50, Plans.Pro => 1500, _ => 10_000 });

    public bool Enabled => options.Mode != RateLimitMode.Off;

    int Scale(int n) => (int)Math.Max(1, Math.Min(int.MaxValue, Math.Round(n * options.Factor)));

    public int LimitFor(string plan, RateLabel label)
        => Scale(PerSecond[(plan is Plans.Free or Plans.Pro ? plan : Plans.Business, label)]);

    /// <summary>Counts one request and decides; a refused request is not counted.</summary>
    public async ValueTask<RateDecision> TakeAsync(string accountId, string plan, RateLabel label)
    {
        var category = label.ToString();
        var now = clock.GetUtcNow();
        var limit = LimitFor(plan, label);
        if (plan == Plans.Free)
        {
            var daily = Scale(FreeDaily[label]);
            var day = now.UtcDateTime.Date;
            var used = await counter.TryTakeAsync($"{accountId}|{label}|day", day.Ticks, daily);
            if (used < 0)
                return new RateDecision(category, daily, 0, "Daily-limit", new DateTimeOffset(day.AddDays(1), TimeSpan.Zero),
                    Fail.DailyRateLimit());
        }
        var second = now.ToUnixTimeSeconds();
        var count = await counter.TryTakeAsync($"{accountId}|{label}|s", second, limit);
        if (count < 0)
            return new RateDecision(category, limit, 0, "QPS", null,
                Fail.PerSecondRateLimit());
        return new RateDecision(category, limit, (int)(limit - count), null, null, null);
    }

    /// <summary>Next 00:00 UTC, when daily quotas reset.</summary>
    public DateTimeOffset NextReset() => new(clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
}
