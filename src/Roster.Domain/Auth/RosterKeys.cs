namespace Roster.Domain.Auth;

/// <summary>The signing keys of one Roster store, shared by every node that uses the store.</summary>
public sealed class RosterKeys(byte[] secret)
{
    public byte[] Secret { get; } = secret;
    public HmacCodec PageTokens { get; } = new(secret, "roster/page-token");
    public HmacCodec UserTokens { get; } = new(secret, "roster/user-token");
}
