using System.Net;
using Roster.Domain.Accounts;
using Roster.Domain.Users;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.Hosting;

public sealed record InvitationDto(string Email, string Link, string ExpiresAt);
public sealed record InvitationListDto(IReadOnlyList<InvitationDto> Invitations);
public sealed record TokenCheckRequest(string? Token);
public sealed record TokenCheckDto(bool Active, string? UserId, string? Type, long? Exp);
public sealed record AppRequest(string? AccountId, List<string>? Scopes, string? Type, List<string>? RedirectUris);
public sealed record AppDto(string ClientId, string ClientSecret, string AccountId, string Scope, string Type, IReadOnlyList<string> RedirectUris);

/// <summary>
/// What Roster adds around Zoom's API: the invitation pages a real Zoom would e-mail, the list of open invitations
/// for admins, and a check of user tokens (GET /users/{id}/token) so a sandbox can see a revoke take effect.
/// </summary>
public static class RosterEndpoints
{
    public static IEndpointRouteBuilder MapRosterExtensions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/roster/v1").RequireZoomToken().WithTags("Roster");
        api.MapGet("/invitations", ListInvitations).WithName("rosterInvitations");
        api.MapPost("/apps", CreateApp).WithName("rosterCreateApp");
        app.MapPost("/roster/v1/tokens/verify", VerifyToken).WithName("rosterVerifyToken").WithTags("Roster");

        app.MapGet("/invitations/{token}", InvitationPage).ExcludeFromDescription();
        app.MapPost("/invitations/{token}", AcceptInvitation).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    public static async Task<IResult> ListInvitations(HttpContext http, UsersService users)
    {
        var pending = await users.PendingInvitationsAsync(http.Caller(), http.RequestAborted);
        var baseUrl = UserWire.BaseUrl(http.Request);
        return TypedResults.Json(new InvitationListDto(pending
            .Select(u => new InvitationDto(u.Email, $"{baseUrl}/invitations/{u.InviteToken}", UserWire.Time(u.InviteExpiresAt!.Value))).ToList()),
            ServerJson.Default.InvitationListDto);
    }

    public static async Task<IResult> CreateApp(HttpContext http, AccountsService accounts)
    {
        var body = await Input.Json(http.Request, ServerJson.Default.AppRequest);
        var (created, secret) = await accounts.CreateAppAsync(http.Caller(), body.AccountId, body.Scopes, body.Type ?? Domain.Auth.OAuthAppTypes.ServerToServer,
            body.RedirectUris ?? [], http.RequestAborted);
        return TypedResults.Json(new AppDto(created.ClientId, secret, created.AccountId, string.Join(' ', created.Scopes), created.Type, created.RedirectUris),
            ServerJson.Default.AppDto, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> VerifyToken(HttpContext http, UsersService users)
    {
        var body = await Input.Json(http.Request, ServerJson.Default.TokenCheckRequest);
        var payload = string.IsNullOrEmpty(body.Token) ? null : await users.VerifyTokenAsync(body.Token, http.RequestAborted);
        return TypedResults.Json(payload is null
            ? new TokenCheckDto(false, null, null, null)
            : new TokenCheckDto(true, payload.UserId, payload.Type, payload.ExpiresAt), ServerJson.Default.TokenCheckDto);
    }

    static IResult Page(string title, string body, int status = 200)
        => Results.Content($"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>",
            "text/html; charset=utf-8", statusCode: status);

    public static async Task<IResult> InvitationPage(UsersService users, string token, HttpContext http)
    {
        try
        {
            var user = await users.FindInvitationAsync(token, http.RequestAborted);
            return Page("Join your Zoom account",
                $"<p>Activate <b>{WebUtility.HtmlEncode(user.Email)}</b> by choosing a password.</p>" +
                "<form method=\"post\"><label>Password <input type=\"password\" name=\"password\" required></label> <button type=\"submit\">Activate</button></form>");
        }
        catch (Domain.Errors.ZoomException e)
        {
            return Page("Invitation not found", $"<p>{WebUtility.HtmlEncode(e.Error.Message)}</p>", 404);
        }
    }

    public static async Task<IResult> AcceptInvitation(UsersService users, string token, HttpContext http)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        var password = form?["password"].FirstOrDefault() ?? "";
        try
        {
            var user = await users.AcceptInvitationAsync(token, password, http.RequestAborted);
            return Page("Account activated", $"<p>{WebUtility.HtmlEncode(user.Email)} is now active.</p>");
        }
        catch (Domain.Errors.ZoomException e)
        {
            return Page("Could not activate", $"<p>{WebUtility.HtmlEncode(e.Error.Message)} (code {e.Error.Code})</p>", e.Error.Status);
        }
    }
}
