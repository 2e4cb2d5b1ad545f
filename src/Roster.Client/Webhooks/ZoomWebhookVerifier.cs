using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Roster.Client.Webhooks;

/// <summary>
/// What a receiver of Zoom's webhooks (from Zoom itself or from Roster) checks and answers: the
/// <c>x-zm-signature</c> over <c>v0:{x-zm-request-timestamp}:{body}</c> (HMAC-SHA256 with the subscription's secret
/// token, compared in constant time, the timestamp within a tolerance), and the <c>endpoint.url_validation</c> challenge.
/// </summary>
public sealed class ZoomWebhookVerifier
{
    /// <summary>The header that carries the signature.</summary>
    public const string SignatureHeader = "x-zm-signature";
    /// <summary>The header that carries the timestamp (unix seconds).</summary>
    public const string TimestampHeader = "x-zm-request-timestamp";

    readonly byte[] _key;
    readonly TimeProvider _clock;

    /// <param name="secretToken">The subscription's secret token.</param>
    /// <param name="tolerance">How old (or how far ahead) a timestamp may be; 5 minutes by default.</param>
    /// <param name="clock">The clock to judge timestamps by; the system's by default.</param>
    public ZoomWebhookVerifier(string secretToken, TimeSpan? tolerance = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretToken);
        _key = Encoding.UTF8.GetBytes(secretToken);
        Tolerance = tolerance ?? TimeSpan.FromMinutes(5);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>How far a timestamp may stand from now.</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>Whether the request is Zoom's: the signature of these exact body bytes, with a fresh timestamp.</summary>
    public bool Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (Math.Abs(_clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(seconds, body)), Encoding.UTF8.GetBytes(signature));
    }

    /// <summary>The signature Zoom sends for this body at this timestamp (<c>v0=</c> and lowercase hex).</summary>
    public string Sign(long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes("v0:" + timestamp.ToString(CultureInfo.InvariantCulture) + ":");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        using var hmac = new HMACSHA256(_key);
        return "v0=" + Hex(hmac.ComputeHash(message));
    }

    /// <summary>The body to answer an <c>endpoint.url_validation</c> request with (status 200).</summary>
    public UrlValidationResponse AnswerChallenge(string plainToken)
    {
        ArgumentNullException.ThrowIfNull(plainToken);
        using var hmac = new HMACSHA256(_key);
        return new UrlValidationResponse { PlainToken = plainToken, EncryptedToken = Hex(hmac.ComputeHash(Encoding.UTF8.GetBytes(plainToken))) };
    }

    static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}

/// <summary>The answer to Zoom's <c>endpoint.url_validation</c> challenge.</summary>
public sealed class UrlValidationResponse
{
    /// <summary>The token Zoom sent.</summary>
    [JsonPropertyName("plainToken")] public string PlainToken { get; set; } = "";
    /// <summary>HMAC-SHA256 of it with the secret token, lowercase hex.</summary>
    [JsonPropertyName("encryptedToken")] public string EncryptedToken { get; set; } = "";
}
