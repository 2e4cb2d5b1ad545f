using System.Globalization;
using Roster.Domain.Abstractions;

namespace Roster.Domain.Events;

/// <summary>
/// Where an event stands in the order the outbox is read in: by the transaction that wrote it (<see cref="Tx"/>), then
/// by <see cref="DomainEvent.Seq"/>. A reader only ever sees events of finished transactions below its horizon, so a
/// position once passed is never filled in later: reading "after a position" misses nothing, on either engine.
/// (On SQLite one writer commits in <c>seq</c> order and <see cref="Tx"/> is always 0.)
/// </summary>
public readonly record struct EventPosition(long Tx, long Seq) : IComparable<EventPosition>
{
    public static readonly EventPosition Start = new(0, 0);

    public int CompareTo(EventPosition other) => Tx != other.Tx ? Tx.CompareTo(other.Tx) : Seq.CompareTo(other.Seq);

    public static bool operator <(EventPosition left, EventPosition right) => left.CompareTo(right) < 0;
    public static bool operator <=(EventPosition left, EventPosition right) => left.CompareTo(right) <= 0;
    public static bool operator >(EventPosition left, EventPosition right) => left.CompareTo(right) > 0;
    public static bool operator >=(EventPosition left, EventPosition right) => left.CompareTo(right) >= 0;

    /// <summary>The cursor form: <c>seq</c> alone while <see cref="Tx"/> is 0, else <c>tx-seq</c>.</summary>
    public override string ToString() => Tx == 0
        ? Seq.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Tx}-{Seq}");

    public static bool TryParse(string? text, out EventPosition position)
    {
        position = Start;
        if (string.IsNullOrEmpty(text)) return true;
        var dash = text.IndexOf('-');
        var styles = NumberStyles.None;
        if (dash < 0)
        {
            if (!long.TryParse(text, styles, CultureInfo.InvariantCulture, out var seq)) return false;
            position = new(0, seq);
            return true;
        }
        if (!long.TryParse(text.AsSpan(0, dash), styles, CultureInfo.InvariantCulture, out var tx)
            || !long.TryParse(text.AsSpan(dash + 1), styles, CultureInfo.InvariantCulture, out var s)) return false;
        position = new(tx, s);
        return true;
    }
}

/// <summary>
/// What a node keeps in memory that was read from the store (account facts, validated tokens, rate windows, keys).
/// It follows the data: it sees every committed event in order (<see cref="Apply"/>), and forgets everything when the
/// store's state is replaced as a whole (a reset, a restored snapshot: <see cref="ForgetAsync"/>).
/// </summary>
public interface IFollowsStore
{
    void Apply(DomainEvent e) { }
    ValueTask ForgetAsync(CancellationToken ct);
}

/// <summary>
/// The store's generation: a number in the store that only a replacement of the whole state advances, in the same
/// transaction as the replacement, together with a <see cref="EventTypes.StoreReplaced"/> event that marks where in
/// the outbox the new state begins. Nodes compare it with the one they built their memory from.
/// </summary>
public static class StoreGeneration
{
    public const string MetaKey = "state_generation";

    public static async Task<long> ReadAsync(IMetaStore s)
        => long.TryParse(await s.GetMetaAsync(MetaKey), NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : 1;

    /// <summary>
    /// Called by whatever replaces the whole state, in its transaction, after the replacement: the new generation and
    /// where it begins in the outbox (its mark), to hand to this node's follower once the transaction committed.
    /// </summary>
    public static async Task<(long Generation, EventPosition Begins)> AdvanceAsync(IStoreSession s, DateTimeOffset at, string id)
    {
        var next = await ReadAsync(s) + 1;
        await s.SetMetaAsync(MetaKey, next.ToString(CultureInfo.InvariantCulture));
        await s.AppendEventAsync(DomainEvent.Of("", null, new StoreReplaced(next)) with { Id = id, OccurredAt = at });
        return (next, await s.PositionOfAsync(id) ?? throw new InvalidOperationException("the mark just written is not in the outbox"));
    }

    /// <summary>Where generation <paramref name="generation"/> begins in the outbox, or null while its mark is not readable yet.</summary>
    public static async Task<EventPosition?> StartOfAsync(IEventStore s, long generation)
    {
        var mark = await s.LatestEventOfTypeAsync(EventTypes.StoreReplaced);
        return mark?.As<StoreReplaced>()?.Generation == generation ? mark.Position : null;
    }
}

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
