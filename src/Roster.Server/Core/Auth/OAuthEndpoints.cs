using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.Auth;

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

    public static async Task<IResult> IssueToken(HttpRequest request, AppsService apps, AccessTokens tokens, UserOAuthService oauth, FailureThrottle throttle)
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
        if (throttle.Blocked(request.HttpContext, FailureThrottle.Client(clientId)))
            return Error(429, "Too many failed attempts. Try again later.", "too_many_requests");
        var app = await apps.AuthenticateAppAsync(clientId, secret, ct);
        if (app is null)
        {
            throttle.Failed(request.HttpContext, FailureThrottle.Client(clientId));
            return Error(401, "Invalid client_id or client_secret", "invalid_client");
        }
        throttle.Succeeded(request.HttpContext, FailureThrottle.Client(clientId));
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
                return TypedResults.Json(new TokenResponse(tokens.Issue(app), "bearer", AccessTokens.LifetimeSeconds, string.Join(' ', AccessTokens.TokenScopes(app)), apiUrl),
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

    static IResult Page(HttpContext http, string body, int status = 200) => HtmlPages.Page(http, "Sign in to authorize", body, status, "Sign in");

    static string Hidden(string name, string? value) => $"<input type=\"hidden\" name=\"{name}\" value=\"{HtmlPages.Encode(value)}\">";

    /// <summary>What a user-level scope lets an app do, in words (granular forms say the same as their classic scope).</summary>
    static string Meaning(string scope) => scope switch
    {
        "user:read" or "user:read:user" or "user_info:read" or "user_profile" => "see your profile",
        "user:write" or "user:update:user" => "change your profile",
        "user:read:settings" => "see your settings",
        "user:update:settings" => "change your settings",
        "user:read:token" or "user:read:zak" => "get your meeting tokens",
        _ => "",
    };

    /// <summary>The consent form: the app's name and what it asks for, sign-in fields, and an error in place.</summary>
    static IResult ConsentForm(HttpContext http, OAuthApp app, Func<string, string?> value, string? email = null, string? error = null, int status = 200)
    {
        var scopes = string.Concat(app.Scopes.Select(sc => Meaning(sc) is { Length: > 0 } m
            ? $"<li>{HtmlPages.Encode(m)} <code>{HtmlPages.Encode(sc)}</code></li>"
            : $"<li><code>{HtmlPages.Encode(sc)}</code></li>"));
        return HtmlPages.Page(http, $"Authorize {app.Name}",
            $"<h1>Authorize {HtmlPages.Encode(app.Name)}</h1><p>{HtmlPages.Encode(app.Name)} asks to act as you. It will be able to:</p>" +
            $"<ul class=\"scopes\">{scopes}</ul><form method=\"post\">" + HtmlPages.CsrfField(http) +
            Hidden("client_id", value("client_id")) + Hidden("redirect_uri", value("redirect_uri")) + Hidden("state", value("state")) +
            Hidden("code_challenge", value("code_challenge")) + Hidden("code_challenge_method", value("code_challenge_method")) +
            HtmlPages.Field("email", "Email", "email", "username", email) +
            HtmlPages.Field("password", "Password", "password", "current-password", error: error) +
            "<button type=\"submit\">Sign in and allow</button></form>", status, "Sign in");
    }

    /// <summary><c>GET /oauth/authorize</c>: the consent page where the user signs in with e-mail and password.</summary>
    public static async Task<IResult> AuthorizePage(HttpRequest request, UserOAuthService oauth)
    {
        var q = request.Query;
        var http = request.HttpContext;
        try
        {
            var app = await oauth.CheckAuthorizeAsync(q["client_id"], q["redirect_uri"], q["response_type"], q["code_challenge_method"], http.RequestAborted);
            return ConsentForm(http, app, name => q[name].FirstOrDefault());
        }
        catch (OAuthException e)
        {
            return Page(http, $"<h1>Cannot authorize</h1><p>{HtmlPages.Encode(e.Reason)}</p><p>Go back to the app and start again.</p>", e.Status);
        }
    }

    /// <summary>
    /// The consent form: antiforgery token and failure throttle first, then the app and redirect checks, then the
    /// password (slow, bounded); on success a redirect to the app with <c>code</c> and <c>state</c>. A refused sign-in
    /// shows the form again with the reason under the password.
    /// </summary>
    public static async Task<IResult> Authorize(HttpRequest request, UserOAuthService oauth, FailureThrottle throttle)
    {
        var http = request.HttpContext;
        var valid = await HtmlPages.CsrfValid(http);
        IFormCollection? form = null;
        try
        {
            if (request.HasFormContentType) form = await request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // not a readable form: nothing to show again but the refusal
        }
        string? F(string name) => form?[name].FirstOrDefault();
        var email = (F("email") ?? "").Trim().ToLowerInvariant();
        async Task<IResult> Again(string message, int status)
        {
            try
            {
                var app = await oauth.CheckAuthorizeAsync(F("client_id"), F("redirect_uri"), "code", F("code_challenge_method"), http.RequestAborted);
                return ConsentForm(http, app, F, email, message, status);
            }
            catch (OAuthException e)
            {
                return Page(http, $"<h1>Cannot authorize</h1><p>{HtmlPages.Encode(e.Reason)}</p><p>Go back to the app and start again.</p>", status);
            }
        }
        if (!valid) return await Again("The form expired or did not come from this page. Sign in again.", 400);
        if (throttle.Blocked(http, FailureThrottle.SignIn(email))) return await Again("Too many failed sign-ins. Try again later.", 429);
        try
        {
            var code = await oauth.AuthorizeAsync(F("client_id") ?? "", F("redirect_uri") ?? "", email, F("password") ?? "",
                F("code_challenge"), F("code_challenge_method"), http.RequestAborted);
            throttle.Succeeded(http, FailureThrottle.SignIn(email));
            var target = QueryHelpers.AddQueryString(F("redirect_uri")!, new Dictionary<string, string?> { ["code"] = code, ["state"] = F("state") });
            // Set by hand: the framework's RedirectResult logs the target, and the target carries the code.
            http.Response.Headers.Location = target;
            http.Response.StatusCode = StatusCodes.Status302Found;
            return Results.Empty;
        }
        catch (OAuthException e)
        {
            if (e.Error == "access_denied") throttle.Failed(http, FailureThrottle.SignIn(email));
            return await Again(e.Reason, e.Status);
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
