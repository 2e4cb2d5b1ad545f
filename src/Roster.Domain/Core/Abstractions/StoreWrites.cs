namespace Roster.Domain.Abstractions;

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
