using Roster.Domain.Abstractions;

namespace Roster.Domain.Events;

/// <summary>
/// One node's reader of the outbox: hands every newly committed event, in order, to the node's followers, and tells
/// them to forget when the generation moved. Started at the store's latest position (history is not replayed: what
/// followers hold was read from the store after that). A host calls <see cref="CatchUpAsync"/> on a short interval;
/// an operation that must be seen by this node at once (a reset) calls it before it answers.
/// </summary>
public sealed class StoreFollower(IRosterStore store, IEnumerable<IFollowsStore> followers)
{
    public const int Batch = 1000;
    readonly IFollowsStore[] _followers = [.. followers];
    readonly SemaphoreSlim _gate = new(1, 1);
    long _generation = -1;
    EventPosition _at;

    public long Generation => Volatile.Read(ref _generation);
    public EventPosition Position => _at;

    /// <summary>
    /// The state was replaced by this node (committed): its followers forget at once and reading goes on from the mark,
    /// without waiting until the mark is readable by everyone (older transactions elsewhere may still be open).
    /// </summary>
    public async Task ReplacedAsync(long generation, EventPosition begins, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (generation <= _generation) return; // already followed
            _appliedEarly.Clear();
            foreach (var f in _followers) await f.ForgetAsync(ct);
            _at = begins;
            Volatile.Write(ref _generation, generation);
        }
        finally
        {
            _gate.Release();
        }
    }

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _appliedEarly = new(StringComparer.Ordinal);

    /// <summary>
    /// Events this node just committed, handed to its followers at once: on PostgreSQL a node's own events become
    /// readable only once older transactions elsewhere end, and its answer must not wait for that. When the events are
    /// read back in order they are skipped, so an older event read later never undoes a newer one applied here.
    /// </summary>
    public async Task AppliedHereAsync(IEnumerable<DomainEvent> committed, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            foreach (var e in committed)
            {
                _appliedEarly[e.Id] = 0;
                foreach (var f in _followers) f.Apply(e);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads what committed since the last call and hands it on; returns how many events were applied.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var applied = 0;
            while (true)
            {
                var known = _generation;
                var at = _at;
                var (generation, events, start) = await store.ReadAsync(async s =>
                {
                    var g = await StoreGeneration.ReadAsync(s);
                    if (g == known) return (g, await s.ListEventsAsync(null, at, Batch), at);
                    var begins = known < 0 ? await s.LatestEventPositionAsync() : await StoreGeneration.StartOfAsync(s, g);
                    return (g, (IReadOnlyList<DomainEvent>)[], begins);
                }, ct);
                if (generation != known)
                {
                    // The whole state was replaced: forget what was built from the old one and read on from where the new
                    // one begins. Its mark can trail the generation by the transactions still open before it: then next round.
                    if (start is not { } begins) return applied;
                    if (known >= 0)
                    {
                        _appliedEarly.Clear();
                        foreach (var f in _followers) await f.ForgetAsync(ct);
                    }
                    _at = begins;
                    Volatile.Write(ref _generation, generation);
                    if (known >= 0) continue;
                    return applied; // the first round: history before this node started is not replayed
                }
                foreach (var e in events)
                {
                    if (!_appliedEarly.TryRemove(e.Id, out _))
                        foreach (var f in _followers) f.Apply(e);
                    _at = e.Position;
                }
                applied += events.Count;
                if (events.Count < Batch) return applied;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
