using Roster.Domain.Abstractions;

namespace Roster.Server.Metrics;

/// <summary>
/// The store with each session timed into <c>roster.store.duration</c> while something listens; otherwise the call goes
/// straight through (one flag read).
/// </summary>
public sealed class TimedStore(IRosterStore inner, RosterMetrics metrics, TimeProvider real) : IRosterStore
{
    public Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
        => metrics.StoreTimed ? Timed(() => inner.ReadAsync(work, ct), write: false) : inner.ReadAsync(work, ct);

    public Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
        => metrics.StoreTimed ? Timed(() => inner.WriteAsync(work, ct), write: true) : inner.WriteAsync(work, ct);

    async Task<T> Timed<T>(Func<Task<T>> session, bool write)
    {
        var started = real.GetTimestamp();
        try
        {
            return await session();
        }
        finally
        {
            metrics.StoreSession(write, real.GetElapsedTime(started));
        }
    }
}
