
namespace Roster.Storage;

/// <summary>Times as the store keeps them: milliseconds since the Unix epoch.</summary>
internal static class DbTime
{
    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    public static long? Ms(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds();
    public static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
