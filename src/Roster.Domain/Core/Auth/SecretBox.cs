
namespace Roster.Domain.Auth;

/// <summary>
/// Encryption at rest for the secrets a store keeps (the token-signing key, the cookie key ring): AES-256-GCM under
/// a key-encryption key that lives outside the store (configuration, <c>ROSTER_KEY_ENCRYPTION_KEY</c>). Without one,
/// values are kept as given, and reading an encrypted value fails loudly rather than yielding garbage.
/// </summary>
public sealed class SecretBox
{
    const string Prefix = "aesgcm1:";
    readonly byte[]? _key;

    public SecretBox(byte[]? key)
    {
        if (key is not null && key.Length != 32) throw new ArgumentException("The key-encryption key must be 32 bytes (base64 of 32 random bytes).");
        _key = key;
    }

    /// <summary>From a base64 setting, or a box that stores in clear when the setting is empty.</summary>
    public static SecretBox FromSetting(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) return new SecretBox(null);
        byte[] key;
        try { key = Convert.FromBase64String(base64.Trim()); }
        catch (FormatException) { throw new ArgumentException("ROSTER_KEY_ENCRYPTION_KEY is not base64."); }
        return new SecretBox(key);
    }

    public bool Encrypts => _key is not null;

    public static bool IsSealed(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(string plain)
    {
        if (_key is null) return plain;
        var data = Encoding.UTF8.GetBytes(plain);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[data.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(_key, tag.Length)) aes.Encrypt(nonce, data, cipher, tag);
        return Prefix + Convert.ToBase64String([.. nonce, .. cipher, .. tag]);
    }

    public string Open(string stored)
    {
        if (!IsSealed(stored)) return stored;
        if (_key is null) throw new InvalidOperationException("The store's secrets are encrypted; set ROSTER_KEY_ENCRYPTION_KEY to the key they were encrypted with.");
        var all = Convert.FromBase64String(stored[Prefix.Length..]);
        int n = AesGcm.NonceByteSizes.MaxSize, t = AesGcm.TagByteSizes.MaxSize;
        if (all.Length < n + t) throw new InvalidOperationException("An encrypted store secret is damaged.");
        var plain = new byte[all.Length - n - t];
        try
        {
            using var aes = new AesGcm(_key, t);
            aes.Decrypt(all.AsSpan(0, n), all.AsSpan(n, plain.Length), all.AsSpan(n + plain.Length), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidOperationException("ROSTER_KEY_ENCRYPTION_KEY is not the key the store's secrets were encrypted with.");
        }
        return Encoding.UTF8.GetString(plain);
    }
}
