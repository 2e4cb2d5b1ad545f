using Roster.Domain.Errors;

namespace Roster.Domain.Abstractions;

/// <summary>
/// What a store reports about a write it could not make, in its own terms: a unique key that another row holds
/// (<see cref="Key"/>: <c>email</c>, <c>vanity_name</c>, <c>pmi</c>) for <see cref="Value"/>. The domain turns it into
/// Zoom's error (<see cref="Errors.Fail.From(UniqueKeyConflict)"/>); the store knows no Zoom codes.
/// </summary>
public sealed class UniqueKeyConflict(string key, string value) : Exception($"unique key {key} already holds {value}")
{
    public string Key { get; } = key;
    public string Value { get; } = value;
}

/// <summary>A snapshot made by another schema version: its columns are not this build's.</summary>
public sealed class SnapshotOutdated(string name) : Exception($"snapshot {name} was made by another schema version")
{
    public string Name { get; } = name;
}

/// <summary>The store gave up on a write that kept conflicting with concurrent ones (its retry budget ran out).</summary>
public sealed class StoreContention() : Exception("the write kept conflicting with concurrent writes");

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

/// <summary>The domain's way into a write session: the store's facts about a failed write become Zoom's errors here.</summary>
public static class StoreWrites
{
    public static async Task<T> Write<T>(this IRosterStore store, Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
    {
        try
        {
            return await store.WriteAsync(work, ct);
        }
        catch (UniqueKeyConflict conflict)
        {
            throw Errors.Fail.From(conflict);
        }
        catch (StoreContention)
        {
            throw Errors.Fail.TooManyConcurrentRequests();
        }
    }
}
