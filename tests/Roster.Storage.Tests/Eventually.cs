namespace Roster.Storage.Tests;

/// <summary>Waiting for a condition with a deadline, never for a fixed time.</summary>
public static class Eventually
{
    /// <summary>What <paramref name="read"/> gives once <paramref name="done"/> holds, read again every 50 ms for up to 30 s (then as it stands).</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !done(value) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
            value = await read();
        }
        return value;
    }
}
