namespace Roster.Domain.Events;

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
