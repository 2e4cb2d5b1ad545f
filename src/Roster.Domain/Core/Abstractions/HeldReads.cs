namespace Roster.Domain.Abstractions;

/// <summary>Reads of a write session that it will write back.</summary>
public static class HeldReads
{
    /// <summary>A meta value read to be written back (or made when missing): held under the key's lock until the session ends.</summary>
    public static async Task<string?> GetMetaHeldAsync(this IStoreSession s, string key)
    {
        await s.LockAsync("meta:" + key);
        return await s.GetMetaAsync(key);
    }
}
