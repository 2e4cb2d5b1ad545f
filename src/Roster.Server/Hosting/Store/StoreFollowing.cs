using Roster.Domain.Events;

namespace Roster.Server.Hosting;

/// <summary>
/// Runs this node's <see cref="StoreFollower"/> on a short interval (<c>Store:FollowIntervalMs</c>, 250 by default), so
/// what the node keeps in memory follows what any node committed. A failed round (the store out of reach) is logged
/// once and retried; the next round catches up from where the last one ended.
/// </summary>
public sealed class StoreFollowing(StoreFollower follower, IConfiguration config, ILogger<StoreFollowing> log, Metrics.RosterMetrics metrics) : BackgroundService
{
    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(
        int.TryParse(config["Store:FollowIntervalMs"], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : 250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await follower.CatchUpAsync(stoppingToken);
                metrics.FollowerCaughtUp();
                if (failing) log.LogInformation("Following the store again");
                failing = false;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (!failing) log.LogWarning("Following the store failed, retrying: {Error}", e.Message);
                failing = true;
            }
        }
    }
}
