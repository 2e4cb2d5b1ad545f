using System.Security.Cryptography;
using System.Text;

namespace Roster.Server.Metrics;

/// <summary>Who may read <c>/metrics</c> once it is on.</summary>
public enum MetricsVerdict { Allowed, Unauthorized, NotFound }

/// <summary>
/// The scrape endpoint's rule (docs/operations.md, <c>AuthMatrixTests</c>). Off (the default): there is no such path,
/// 404. With <c>Metrics:Key</c>: a request carrying <c>Authorization: Bearer &lt;key&gt;</c> is answered from anywhere,
/// any other gets 401. Without a key: only a connection from this machine's loopback that no proxy relayed (no
/// <c>Forwarded</c>, <c>X-Forwarded-*</c>, <c>X-Real-IP</c> or <c>Via</c> header) is answered; any other gets 404, as
/// if metrics were off, so a server opened to the world by accident shows nothing there.
/// </summary>
public static class MetricsAccess
{
    static readonly string[] RelayHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "Via"];

    public static MetricsVerdict Decide(HttpRequest request, IPAddress? remote, string? key)
    {
        if (key is not null)
            return Bearer(request.Headers.Authorization.ToString()) is { } given && SameKey(given, key) ? MetricsVerdict.Allowed : MetricsVerdict.Unauthorized;
        if (remote is null || RelayHeaders.Any(request.Headers.ContainsKey)) return MetricsVerdict.NotFound;
        return IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote) ? MetricsVerdict.Allowed : MetricsVerdict.NotFound;
    }

    static string? Bearer(string header)
        => header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;

    /// <summary>In time that does not depend on where the two differ.</summary>
    static bool SameKey(string given, string key)
        => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
