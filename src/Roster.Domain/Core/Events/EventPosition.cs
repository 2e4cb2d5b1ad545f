using System.Globalization;

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
