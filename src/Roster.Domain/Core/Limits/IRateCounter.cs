namespace Roster.Domain.Limits;

/// <summary>
/// Counts requests in fixed windows. <see cref="TryTakeAsync"/> adds one to the window named by
/// <paramref name="key"/> and <paramref name="window"/> unless it already holds <paramref name="limit"/>; it returns
/// the new count, or -1 when the window is full. One node keeps counts in memory; nodes sharing a store count there.
/// </summary>
public interface IRateCounter
{
    ValueTask<long> TryTakeAsync(string key, long window, int limit);
}
