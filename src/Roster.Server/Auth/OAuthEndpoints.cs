using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Roster.Server.Auth;

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string Scope, string ApiUrl, string? RefreshToken = null);

/// <summary>The token endpoint's own error body (reference §7.4): <c>{reason, error}</c>.</summary>
public sealed record OAuthErrorBody(string Reason, string Error);

/// <summary>Zoom's <c>POST /oauth/token</c> for Server-to-Server OAuth (<c>grant_type=account_credentials</c>).</summary>
public static class OAuthEndpoints
{
    public static IEndpointRouteBuilder MapOAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth/token", IssueToken).WithName("oauthToken").WithTags("OAuth").DisableAntiforgery().TokenEndpointDocs();
        app.MapGet("/oauth/authorize", AuthorizePage).WithName("oauthAuthorize").WithTags("OAuth");
        app.MapPost("/oauth/authorize", Authorize).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    static IResult Error(int status, string reason, string error)
        => TypedResults.Json(new OAuthErrorBody(reason, error), ServerJson.Default.OAuthErrorBody, statusCode: status);

    public static async Task<IResult> IssueToken(HttpRequest request, AccountsService accounts, AccessTokens tokens, UserOAuthService oauth, FailureThrottle throttle)
    {
        // Zoom takes the parameters from the form body or from the query string.
        IFormCollection? form = null;
        try
        {
            if (request.HasFormContentType) form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Error(400, "The request body is not a readable form.", "invalid_request");
        }
        string? Param(string name) => form?[name].FirstOrDefault() ?? request.Query[name].FirstOrDefault();

        var (clientId, secret) = BasicCredentials(request.Headers.Authorization);
        if (clientId is null && secret is null && form is not null)
            (clientId, secret) = (form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault()); // client_secret_post (RFC 6749 2.3.1)
        var grantType = Param("grant_type");
        if (clientId is null || secret is null || string.IsNullOrEmpty(grantType))
            return Error(400, "Missing client id, client secret or grant type.", "invalid_request");
        if (grantType is not ("account_credentials" or "client_credentials" or "authorization_code" or "refresh_token"))
            return Error(400, "Unsupported grant type", "unsupported_grant_type");
        var ct = request.HttpContext.RequestAborted;
        if (throttle.Blocked(request.HttpContext, "client:" + clientId))
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)FailureThrottle.Refill.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Error(429, "Too many failed attempts for this client. Try again later.", "too_many_requests");
        }
        var app = await accounts.AuthenticateAppAsync(clientId, secret, ct);
        if (app is null)
        {
            throttle.Failed(request.HttpContext, "client:" + clientId);
            return Error(401, "Invalid client_id or client_secret", "invalid_client");
        }
        var apiUrl = UserWire.BaseUrl(request);
        try
        {
            if (grantType is "account_credentials" or "client_credentials")
            {
                if (app.Type != OAuthAppTypes.ServerToServer) return Error(400, $"This app cannot use the {grantType} grant", "unauthorized_client");
                // client_credentials (what OpenAPI tools send) names no account: a Server-to-Server app has one
                var accountId = grantType == "client_credentials" ? Param("account_id") ?? app.AccountId : Param("account_id");
                if (string.IsNullOrEmpty(accountId) || accountId != app.AccountId)
                    return Error(400, "Invalid request : Invalid account_id", "invalid_request");
                return TypedResults.Json(new TokenResponse(tokens.Issue(app), "bearer", AccessTokens.LifetimeSeconds, string.Join(' ', app.Scopes), apiUrl),
                    ServerJson.Default.TokenResponse);
            }
            var grant = grantType == "authorization_code"
                ? await oauth.ExchangeCodeAsync(app, Param("code"), Param("redirect_uri"), Param("code_verifier"), ct)
                : await oauth.RefreshAsync(app, Param("refresh_token"), ct);
            return TypedResults.Json(new TokenResponse(tokens.Issue(grant.AccountId, grant.ClientId, grant.UserId, grant.Scopes, userLevel: true), "bearer",
                AccessTokens.LifetimeSeconds, string.Join(' ', grant.Scopes), apiUrl, grant.RefreshToken), ServerJson.Default.TokenResponse);
        }
        catch (OAuthException e)
        {
            return Error(e.Status, e.Reason, e.Error);
        }
    }

    static IResult Page(HttpContext http, string body, int status = 200) => HtmlPages.Page(http, "Sign in to authorize", body, status);

    static string Hidden(string name, string? value) => $"<input type=\"hidden\" name=\"{name}\" value=\"{WebUtility.HtmlEncode(value ?? "")}\">";

    /// <summary><c>GET /oauth/authorize</c>: a minimal consent page where the user signs in with e-mail and password.</summary>
    public static async Task<IResult> AuthorizePage(HttpRequest request, UserOAuthService oauth)
    {
        var q = request.Query;
        var http = request.HttpContext;
        try
        {
            var app = await oauth.CheckAuthorizeAsync(q["client_id"], q["redirect_uri"], q["response_type"], q["code_challenge_method"], http.RequestAborted);
            return Page(http, $"<h1>Sign in to authorize {WebUtility.HtmlEncode(app.Name)}</h1>" +
                $"<p>It asks for: {WebUtility.HtmlEncode(string.Join(", ", app.Scopes))}</p><form method=\"post\">" + HtmlPages.CsrfField(http) +
                Hidden("client_id", q["client_id"]) + Hidden("redirect_uri", q["redirect_uri"]) + Hidden("state", q["state"]) +
                Hidden("code_challenge", q["code_challenge"]) + Hidden("code_challenge_method", q["code_challenge_method"]) +
                "<label>Email <input name=\"email\" type=\"email\" autocomplete=\"username\" required></label> " +
                "<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label> " +
                "<button type=\"submit\">Authorize</button></form>");
        }
        catch (OAuthException e)
        {
            return Page(http, $"<h1>Cannot authorize</h1><p>{WebUtility.HtmlEncode(e.Reason)}</p>", e.Status);
        }
    }

    /// <summary>
    /// The consent form: antiforgery token and failure throttle first, then the app and redirect checks, then the
    /// password (slow, bounded); on success a redirect to the app with <c>code</c> and <c>state</c>.
    /// </summary>
    public static async Task<IResult> Authorize(HttpRequest request, UserOAuthService oauth, FailureThrottle throttle)
    {
        var http = request.HttpContext;
        if (!await HtmlPages.CsrfValid(http))
            return Page(http, "<h1>Cannot authorize</h1><p>The form has expired or did not come from this page. Start again from the app.</p>", 400);
        var form = await request.ReadFormAsync(http.RequestAborted);
        string? F(string name) => form[name].FirstOrDefault();
        var email = (F("email") ?? "").Trim().ToLowerInvariant();
        if (throttle.Blocked(http, "signin:" + email))
            return Page(http, "<h1>Cannot authorize</h1><p>Too many failed sign-ins. Try again in a minute.</p>", 429);
        try
        {
            var code = await oauth.AuthorizeAsync(F("client_id") ?? "", F("redirect_uri") ?? "", email, F("password") ?? "",
                F("code_challenge"), F("code_challenge_method"), http.RequestAborted);
            var target = QueryHelpers.AddQueryString(F("redirect_uri")!, new Dictionary<string, string?> { ["code"] = code, ["state"] = F("state") });
            // Set by hand: the framework's RedirectResult logs the target, and the target carries the code.
            http.Response.Headers.Location = target;
            http.Response.StatusCode = StatusCodes.Status302Found;
            return Results.Empty;
        }
        catch (OAuthException e)
        {
            if (e.Error == "access_denied") throttle.Failed(http, "signin:" + email);
            return Page(http, $"<h1>Cannot authorize</h1><p>{WebUtility.HtmlEncode(e.Reason)}</p>", e.Status);
        }
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
