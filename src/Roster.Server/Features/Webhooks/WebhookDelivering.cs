using Roster.Domain.Webhooks;

namespace Roster.Server.Webhooks;

/// <summary>
/// This node's share of webhook work, on a short interval (<c>Webhooks:PollMs</c>, 100 by default): fan out what
/// committed, lease due deliveries up to <c>Webhooks:Concurrency</c> (32) in flight and send them without waiting for
/// one another, and now and then challenge URLs whose 72 hours ran out. API requests never wait for any of it. On
/// shutdown it waits briefly for requests in flight; what it could not finish, another node (or the next start) takes
/// over when the lease runs out.
/// </summary>
public sealed class WebhookDelivering(WebhookDispatcher dispatcher, IConfiguration config, ILogger<WebhookDelivering> log, Metrics.RosterMetrics metrics) : BackgroundService
{
    readonly TimeSpan _interval = TimeSpan.FromMilliseconds(Setting(config, "Webhooks:PollMs", 100));
    readonly int _capacity = Setting(config, "Webhooks:Concurrency", 32);
    readonly int _revalidateEveryMs = Setting(config, "Webhooks:RevalidateCheckMs", 30_000);
    readonly SemaphoreSlim _slots = new(Setting(config, "Webhooks:Concurrency", 32));
    readonly System.Threading.Channels.Channel<WebhookDispatcher.Attempted> _done =
        System.Threading.Channels.Channel.CreateUnbounded<WebhookDispatcher.Attempted>(new() { SingleReader = true });
    readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _inFlight = new();
    int _held; // leased and not yet recorded
    Task? _revalidation;
    Task? _recording;
    int _roundsSinceRevalidation = 1_000_000;

    static int Setting(IConfiguration config, string key, int fallback)
        => int.TryParse(config[key], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    /// <summary>How many deliveries a node holds at once: a few rounds of its concurrency, so sending never waits for a lease.</summary>
    int MaxHeld => _capacity * 4;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        _recording = RecordLoop();
        using var timer = new PeriodicTimer(_interval);
        var failing = false;
        do
        {
            try
            {
                while (await dispatcher.FanOutAsync(stop) == WebhookDispatcher.FanOutBatch) { } // a backlog: drain it first
                // lease while there is room and work: a full batch means more may be due
                while (!stop.IsCancellationRequested)
                {
                    var room = MaxHeld - Volatile.Read(ref _held);
                    if (room <= 0) break;
                    var leased = await dispatcher.LeaseAsync(room, stop);
                    foreach (var one in leased)
                    {
                        Interlocked.Increment(ref _held);
                        var sending = Send(one);
                        _inFlight[sending] = 0;
                        _ = sending.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
                    }
                    if (leased.Count < room) break;
                    await dispatcher.FanOutAsync(stop);
                }
                // now and then (Webhooks:RevalidateCheckMs, 30 s): which URLs are due for their 72-hour check (store clock)
                if (_revalidation is null or { IsCompleted: true } && ++_roundsSinceRevalidation >= _revalidateEveryMs / _interval.TotalMilliseconds)
                {
                    _roundsSinceRevalidation = 0;
                    _revalidation = Revalidate(stop);
                }
                if (failing) log.LogInformation("Webhook delivery works again");
                failing = false;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                if (!failing) log.LogWarning("Webhook delivery failed, retrying: {Error}", e.Message);
                failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stop));
    }

    /// <summary>One delivery, at most <c>Webhooks:Concurrency</c> at once, to its end even while the node stops (3-second timeout).</summary>
    async Task Send(LeasedDelivery leased)
    {
        await _slots.WaitAsync();
        try
        {
            var attempted = await dispatcher.SendAsync(leased, CancellationToken.None);
            metrics.WebhookAttempted(attempted.Next.State);
            _done.Writer.TryWrite(attempted);
        }
        catch (Exception e)
        {
            Interlocked.Decrement(ref _held); // not recorded: the lease runs out and it is sent again
            log.LogWarning("Sending a webhook failed: {Error}", e.Message);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Records finished attempts in batches: one write for many, as the store's writer is the API's too.</summary>
    async Task RecordLoop()
    {
        var reader = _done.Reader;
        var batch = new List<WebhookDispatcher.Attempted>();
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < 500 && reader.TryRead(out var a)) batch.Add(a);
            try
            {
                await dispatcher.RecordAsync(batch, CancellationToken.None);
            }
            catch (Exception e)
            {
                // the store out of reach: these leases run out and the deliveries are sent again
                log.LogWarning("Recording {Count} webhook attempts failed: {Error}", batch.Count, e.Message);
            }
            Interlocked.Add(ref _held, -batch.Count);
            batch.Clear();
        }
    }

    async Task Revalidate(CancellationToken stop)
    {
        try
        {
            await dispatcher.RevalidateAsync(stop);
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            log.LogWarning("Revalidating webhook URLs failed: {Error}", e.Message);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // what is in flight finishes (bounded by the timeout) and is recorded; what is only leased runs out
        await Task.WhenAny(Task.WhenAll(_inFlight.Keys), Task.Delay(WebhookRules.Timeout + TimeSpan.FromSeconds(1), cancellationToken));
        _done.Writer.TryComplete();
        if (_recording is not null) await Task.WhenAny(_recording, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
    }
}
