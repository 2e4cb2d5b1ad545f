using Roster.Domain.Webhooks;

namespace Roster.Server.Webhooks;

/// <summary>
/// This node's share of webhook work, on a short interval (<c>Webhooks:PollMs</c>, 100 by default): fan out what
/// committed, lease due deliveries up to <c>Webhooks:Concurrency</c> (32) in flight and send them without waiting for
/// one another, and now and then challenge URLs whose 72 hours ran out. API requests never wait for any of it. On
/// shutdown it waits briefly for requests in flight; what it could not finish, another node (or the next start) takes
/// over when the lease runs out.
/// </summary>
public sealed class WebhookDelivering(WebhookDispatcher dispatcher, IConfiguration config, ILogger<WebhookDelivering> log) : BackgroundService
{
    readonly TimeSpan _interval = TimeSpan.FromMilliseconds(Setting(config, "Webhooks:PollMs", 100));
    readonly int _capacity = Setting(config, "Webhooks:Concurrency", 32);
    readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _inFlight = new();
    Task? _revalidation;
    readonly int _revalidateEveryMs = Setting(config, "Webhooks:RevalidateCheckMs", 30_000);
    int _roundsSinceRevalidation = 1_000_000;

    static int Setting(IConfiguration config, string key, int fallback)
        => int.TryParse(config[key], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_interval);
        var failing = false;
        do
        {
            try
            {
                while (await dispatcher.FanOutAsync(stop) == WebhookDispatcher.FanOutBatch) { } // a backlog: drain it first
                var free = _capacity - _inFlight.Count;
                foreach (var leased in await dispatcher.LeaseAsync(free, stop))
                {
                    var sending = Send(leased);
                    _inFlight[sending] = 0;
                    _ = sending.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
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

    /// <summary>One delivery, to its end even while the node stops (it is bounded by the 3-second timeout).</summary>
    async Task Send(LeasedDelivery leased)
    {
        try
        {
            await dispatcher.DeliverAsync(leased, CancellationToken.None);
        }
        catch (Exception e)
        {
            // the attempt could not be recorded (the store out of reach): the lease runs out and the delivery is sent again
            log.LogWarning("Recording a webhook attempt failed: {Error}", e.Message);
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
        await Task.WhenAny(Task.WhenAll(_inFlight.Keys), Task.Delay(WebhookRules.Timeout + TimeSpan.FromSeconds(1), cancellationToken));
    }
}
