using System.Diagnostics;
using System.Diagnostics.Metrics;
using Roster.Domain.Auth;
using Roster.Domain.Webhooks;

namespace Roster.Server.Metrics;

/// <summary>
/// Roster's own instruments, on one meter named <see cref="MeterName"/>, exported when OTLP or the Prometheus endpoint
/// is on (docs/operations.md). Tags are few and bounded: an operation's id or route template, a status code, a
/// webhook outcome, a rate-limit category; never an account, a user or an address. With no listener every record is
/// one flag read. Gauges read memory (the follower) or one bounded, cached count from the store (<see cref="StoreBacklog"/>).
/// </summary>
public sealed class RosterMetrics
{
    public const string MeterName = "Roster";

    /// <summary>Bucket bounds (seconds) of the store's sessions: a fraction of a millisecond to a few seconds.</summary>
    static readonly double[] StoreBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
    /// <summary>Status codes as tag values, boxed once: a request's tags allocate nothing.</summary>
    static readonly object[] Statuses = [.. Enumerable.Range(0, 600).Select(s => (object)s.ToString(CultureInfo.InvariantCulture))];

    readonly Counter<long> _requests;
    readonly Histogram<double> _storeDuration;
    readonly Counter<long> _deliveries;
    readonly Counter<long> _refusals;
    readonly TimeProvider _real;
    long _followerCaughtUpAt;

    public RosterMetrics(IMeterFactory meters, TimeProvider real, StoreBacklog backlog)
    {
        _real = real;
        _followerCaughtUpAt = real.GetUtcNow().UtcTicks;
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("roster.http.requests", "{request}",
            "Requests answered, by operation (Zoom's operation id, else the route template) and status code.");
        _storeDuration = meter.CreateHistogram("roster.store.duration", "s",
            "How long a store session took as its caller saw it (queue, transaction, commit), by kind (read, write).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StoreBuckets });
        _deliveries = meter.CreateCounter<long>("roster.webhook.deliveries", "{attempt}",
            "Webhook attempts this node made, by outcome: delivered, retrying (5xx, timeout, refused: tried again later), failed (3xx, 4xx), dead (every retry failed).");
        _refusals = meter.CreateCounter<long>("roster.rate_limit.refusals", "{request}",
            "Requests refused by Zoom's rate limits (429), by operation, category (Light, Medium, Heavy) and type (QPS, Daily-limit).");
        meter.CreateObservableGauge("roster.outbox.lag", () => Measure(backlog.Read()?.Outbox), "{event}",
            "Events committed that webhook fan-out has not passed yet (store-wide, counted up to 100,000).");
        meter.CreateObservableGauge("roster.webhook.pending", () => Measure(backlog.Read()?.Pending), "{delivery}",
            "Webhook deliveries pending: due now or waiting for a retry (store-wide, counted up to 100,000).");
        meter.CreateObservableGauge("roster.follower.lag", FollowerLag, "s",
            "Seconds since this node's store follower last read everything committed: how stale its caches may be.");
    }

    static IEnumerable<Measurement<long>> Measure(long? value) => value is { } v ? [new Measurement<long>(v)] : [];

    double FollowerLag() => Math.Max(0, TimeSpan.FromTicks(_real.GetUtcNow().UtcTicks - Volatile.Read(ref _followerCaughtUpAt)).TotalSeconds);

    /// <summary>Whether anything listens to the store's timings (else a session is not timed at all).</summary>
    public bool StoreTimed => _storeDuration.Enabled;

    public void Request(string operation, int status)
    {
        if (!_requests.Enabled) return;
        _requests.Add(1, new TagList { { "operation", operation }, { "status", StatusTag(status) } });
    }

    static object StatusTag(int status) => status >= 0 && status < Statuses.Length ? Statuses[status] : status.ToString(CultureInfo.InvariantCulture);

    public void StoreSession(bool write, TimeSpan took)
        => _storeDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("kind", write ? "write" : "read"));

    /// <summary>One webhook attempt made, by the state it left the delivery in.</summary>
    public void WebhookAttempted(string state)
        => _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", state switch
        {
            DeliveryStates.Delivered => "delivered",
            DeliveryStates.Pending => "retrying",
            DeliveryStates.Dead => "dead",
            _ => "failed",
        }));

    public void RateLimitRefused(Operation operation, string category, string? type)
        => _refusals.Add(1, new TagList { { "operation", operation.Id }, { "category", category }, { "type", type ?? "" } });

    /// <summary>This node's follower has just read everything committed (on the node's real clock).</summary>
    public void FollowerCaughtUp() => Volatile.Write(ref _followerCaughtUpAt, _real.GetUtcNow().UtcTicks);
}
