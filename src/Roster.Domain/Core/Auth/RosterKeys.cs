
namespace Roster.Domain.Auth;

/// <summary>
/// The signing keys of one Roster store, shared by every node that uses the store. Loaded from the store by the
/// host's startup step (<see cref="Load"/>) before the first request; using them earlier is a programming error.
/// </summary>
public sealed class RosterKeys
{
    byte[]? _secret;
    HmacCodec? _pageTokens, _userTokens;

    public RosterKeys() { }

    public RosterKeys(byte[] secret) => Load(secret);

    public void Load(byte[] secret)
    {
        _pageTokens = new HmacCodec(secret, "roster/page-token");
        _userTokens = new HmacCodec(secret, "roster/user-token");
        _secret = secret;
    }

    public byte[] Secret => _secret ?? throw NotLoaded();
    public HmacCodec PageTokens => _pageTokens ?? throw NotLoaded();
    public HmacCodec UserTokens => _userTokens ?? throw NotLoaded();

    static InvalidOperationException NotLoaded() => new("The store's keys are not loaded yet: the host's startup step loads them before serving.");
}
