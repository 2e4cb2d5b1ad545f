
namespace Roster.Domain.Accounts;

/// <summary>
/// An app's chosen credentials: a client id of 6–64 letters, digits, <c>-</c> and <c>_</c>; a secret of 16–128 printable
/// characters, or the SHA-256 (hex) of one, as an exported seed carries it.
/// </summary>
public sealed record AppCredentials(string ClientId, string? Secret, string? SecretSha256 = null)
{
    public static bool IsClientId(string? id) => id is { Length: >= 6 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    public static bool IsSecret(string? secret) => secret is { Length: >= 16 and <= 128 } && secret.All(c => c is > ' ' and < (char)127);
    public static bool IsSecretSha256(string? hash) => hash is { Length: 64 } && hash.All(char.IsAsciiHexDigit);
    public bool IsValid => IsClientId(ClientId) && (Secret is null ? IsSecretSha256(SecretSha256) : IsSecret(Secret) && SecretSha256 is null);
    public string Hash => Secret is { } secret ? AppsService.HashSecret(secret) : SecretSha256!.ToUpperInvariant();
}
