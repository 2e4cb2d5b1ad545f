using System.ComponentModel;

namespace Roster.Server.Http;

/// <summary>The token endpoint's form body, as the published document describes it (Roster reads the form itself).</summary>
public sealed class TokenForm
{
    [Description("account_credentials (Server-to-Server), client_credentials (the same for a Server-to-Server app, as OpenAPI tools send it), authorization_code or refresh_token")]
    public required string GrantType { get; init; }
    [Description("account_credentials: the app's account id")] public string? AccountId { get; init; }
    [Description("authorization_code: the code from the consent page")] public string? Code { get; init; }
    [Description("authorization_code: the redirect URI the code was issued for")] public string? RedirectUri { get; init; }
    [Description("authorization_code with PKCE: the verifier")] public string? CodeVerifier { get; init; }
    [Description("refresh_token: the refresh token")] public string? RefreshToken { get; init; }
    [Description("the app's client id, when not sent as HTTP Basic")] public string? ClientId { get; init; }
    [Description("the app's client secret, when not sent as HTTP Basic")] public string? ClientSecret { get; init; }
}
