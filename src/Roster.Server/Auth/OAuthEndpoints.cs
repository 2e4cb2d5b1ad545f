using System.Text;
using Roster.Domain.Accounts;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.Auth;

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string Scope, string ApiUrl);

/// <summary>The token endpoint's own error body (reference §7.4): <c>{reason, error}</c>.</summary>
public sealed record OAuthErrorBody(string Reason, string Error);

/// <summary>Zoom's <c>POST /oauth/token</c> for Server-to-Server OAuth (<c>grant_type=account_credentials</c>).</summary>
public static class OAuthEndpoints
{
    public static IEndpointRouteBuilder MapOAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth/token", IssueToken).WithName("oauthToken").WithTags("OAuth");
        return app;
    }

    static IResult Error(int status, string reason, string error)
        => TypedResults.Json(new OAuthErrorBody(reason, error), ServerJson.Default.OAuthErrorBody, statusCode: status);

    public static async Task<IResult> IssueToken(HttpRequest request, AccountsService accounts, AccessTokens tokens)
    {
        // Zoom takes the parameters from the form body or from the query string.
        var form = request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted) : null;
        string? Param(string name) => form?[name].FirstOrDefault() ?? request.Query[name].FirstOrDefault();

        var (clientId, secret) = BasicCredentials(request.Headers.Authorization);
        var grantType = Param("grant_type");
        if (clientId is null || secret is null || string.IsNullOrEmpty(grantType))
            return Error(400, "Missing client id, client secret or grant type.", "invalid_request");
        if (grantType != "account_credentials")
            return Error(400, "Unsupported grant type", "unsupported_grant_type");
        var app = await accounts.AuthenticateAppAsync(clientId, secret, request.HttpContext.RequestAborted);
        if (app is null) return Error(401, "Invalid client_id or client_secret", "invalid_client");
        var accountId = Param("account_id");
        if (string.IsNullOrEmpty(accountId) || accountId != app.AccountId)
            return Error(400, "Invalid request : Invalid account_id", "invalid_request");
        return TypedResults.Json(
            new TokenResponse(tokens.Issue(app), "bearer", AccessTokens.LifetimeSeconds, string.Join(' ', app.Scopes), UserWire.BaseUrl(request)),
            ServerJson.Default.TokenResponse);
    }

    static (string? ClientId, string? Secret) BasicCredentials(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return (null, null);
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon <= 0 ? (null, null) : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
