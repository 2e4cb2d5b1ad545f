using System.Buffers.Text;

namespace Roster.Domain;

/// <summary>Random, URL-safe identifiers and secrets (base64url, no padding), from the system's CSPRNG.</summary>
public static class Ids
{
    /// <summary><paramref name="bytes"/> random bytes as base64url: 16 bytes make a 22-character id like Zoom's.</summary>
    public static string Random(int bytes = 16) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);
}
