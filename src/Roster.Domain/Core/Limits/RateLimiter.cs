using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;

namespace Roster.Domain.Limits;

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
