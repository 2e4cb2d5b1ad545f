
namespace Roster.Domain;

/// <summary>
/// The one source of time-ordered ids of a store, on the store's clock (so a moved or frozen sandbox clock moves
/// them too; ids stay strictly increasing within a process whatever the clock does).
/// </summary>
public sealed class IdSource(TimeProvider clock)
{
    long _lastTicks;

    /// <summary>
    /// A 22-character id like Zoom's: base64url of 8 bytes of time (100 ns ticks, strictly increasing) and 8 random
    /// bytes. Opaque to clients, but it grows with creation time, so new ids land at the end of the id index
    /// instead of at random pages: inserts stay fast at millions of users.
    /// </summary>
    public string NewUserId()
    {
        long ticks, last;
        do
        {
            last = Interlocked.Read(ref _lastTicks);
            ticks = Math.Max(clock.GetUtcNow().UtcTicks, last + 1);
        } while (Interlocked.CompareExchange(ref _lastTicks, ticks, last) != last);
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, ticks);
        RandomNumberGenerator.Fill(bytes[8..]);
        return Ids.Encode(bytes);
    }
}
