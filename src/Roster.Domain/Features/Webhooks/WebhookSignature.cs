using System.Globalization;

namespace Roster.Domain.Webhooks;

/// <summary>
/// Zoom's webhook signature (reference §13.3): <c>x-zm-signature: v0=&lt;lowercase hex HMAC-SHA256&gt;</c> over
/// <c>v0:{timestamp}:{body}</c> keyed with the subscription's secret token, beside <c>x-zm-request-timestamp</c>
/// (unix seconds); and the <c>endpoint.url_validation</c> answer (§13.4).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "x-zm-signature";
    public const string TimestampHeader = "x-zm-request-timestamp";

    /// <summary>The <c>x-zm-signature</c> value for these exact body bytes.</summary>
    public static string Sign(string secretToken, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp.ToString(CultureInfo.InvariantCulture)}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretToken), message));
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is this body's, compared in constant time, and its timestamp within
    /// <paramref name="tolerance"/> of <paramref name="now"/> (replay protection).
    /// </summary>
    public static bool Verify(string secretToken, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - ts) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secretToken, ts, body));
        var given = Encoding.UTF8.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The <c>encryptedToken</c> that answers an <c>endpoint.url_validation</c> challenge.</summary>
    public static string AnswerChallenge(string secretToken, string plainToken)
        => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretToken), Encoding.UTF8.GetBytes(plainToken)));
}
