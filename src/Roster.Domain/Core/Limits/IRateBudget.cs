namespace Roster.Domain.Limits;

/// <summary>A window's budget shared by nodes: grants part of what is left of it.</summary>
public interface IRateBudget
{
    /// <summary>
    /// Takes up to <paramref name="want"/> of the window's budget of <paramref name="limit"/> (a window older than the
    /// current one takes from the current one; a newer one starts afresh). Returns how many it granted (0 when the
    /// window is full) and the window's count after the grant.
    /// </summary>
    ValueTask<(long Granted, long Count)> TakeAsync(string key, long window, long want, int limit);
}
