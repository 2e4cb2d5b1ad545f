using Roster.Domain.Abstractions;
using Roster.Domain.Events;
using Roster.Domain.Webhooks;

namespace Roster.Server.Metrics;

/// <summary>
/// What waits in the store, for the gauges: events the webhook fan-out has not passed (after its cursor) and deliveries
/// pending. One read session of two counts, each along an index and stopped at <see cref="Cap"/>, kept for
/// <c>Metrics:GaugeCacheMs</c>: a scrape never scans, and many scrapes cost one query per interval. A scrape waits at
/// most <see cref="Wait"/> for a fresh count, else answers the last one (none before the first; the store out of reach).
/// </summary>
public sealed class StoreBacklog(IRosterStore store, TimeProvider real, TimeSpan keep)
{
    public const int Cap = 100_000;
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    public sealed record Counts(long Outbox, long Pending);

    readonly Lock _gate = new();
    Counts? _last;
    long _readAt;
    Task<Counts>? _reading;

    public Counts? Read()
    {
        Task<Counts> reading;
        lock (_gate)
        {
            if (_last is not null && real.GetElapsedTime(_readAt) < keep) return _last;
            // one read at a time; a finished one (even one that ran to its end synchronously) makes way for the next
            if (_reading is null or { IsCompleted: true }) _reading = ReadAsync();
            reading = _reading;
        }
        try
        {
            return reading.Wait(Wait) ? reading.Result : _last;
        }
        catch (AggregateException)
        {
            return _last; // the store out of reach: the last count, or none
        }
    }

    async Task<Counts> ReadAsync()
    {
        var counts = await store.ReadAsync(async s =>
        {
            var cursor = EventPosition.TryParse(await s.GetMetaAsync(WebhookDispatcher.CursorMetaKey), out var p) ? p : EventPosition.Start;
            return new Counts(await s.CountEventsAfterAsync(cursor, Cap), await s.CountPendingDeliveriesAsync(Cap));
        });
        lock (_gate)
        {
            _last = counts;
            _readAt = real.GetTimestamp();
        }
        return counts;
    }
}
