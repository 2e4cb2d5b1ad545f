using System.Buffers.Text;

namespace Roster.Domain.Auth;

/// <summary>
/// Opaque, tamper-proof tokens: <c>base64url(json) "." base64url(hmac-sha256)</c> under a key held by the store,
/// so that every Roster node issues and accepts the same tokens. Used for page tokens and user tokens (ZAK).
/// </summary>
public sealed class HmacCodec(byte[] key, string purpose)
{
    readonly byte[] _key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose));

    public string Encode<T>(T payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, info);
        var mac = HMACSHA256.HashData(_key, body);
        return $"{Base64Url.EncodeToString(body)}.{Base64Url.EncodeToString(mac.AsSpan(0, 20))}";
    }

    public bool TryDecode<T>(string? token, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, out T? payload)
    {
        payload = default;
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return false;
        var dot = token.IndexOf('.');
        if (dot <= 0) return false;
        try
        {
            var body = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            var mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            var expected = HMACSHA256.HashData(_key, body);
            if (mac.Length != 20 || !CryptographicOperations.FixedTimeEquals(mac, expected.AsSpan(0, 20))) return false;
            payload = JsonSerializer.Deserialize(body, info);
            return payload is not null;
        }
        catch (FormatException) { return false; }
        catch (JsonException) { return false; }
    }
}
