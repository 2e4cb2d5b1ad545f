using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Errors;
using Roster.Domain.Users;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.Hosting;

/// <summary>
/// What Roster adds around Zoom's API: the invitation pages a real Zoom would e-mail, the list of open invitations
/// for admins, and a check of user tokens (GET /users/{id}/token) so a sandbox can see a revoke take effect.
/// </summary>
public static class RosterEndpoints
{
    public static IEndpointRouteBuilder MapRosterExtensions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/roster/v1").RequireZoomToken().WithTags("Roster");
        // Who may call: a Server-to-Server token of the account holding the operation's admin scope (never a
        // user-level token), whose user is the account's owner or an admin where the call says so (the domain).
        api.MapGet("/invitations", ListInvitations).WithName("rosterInvitations").Scoped(Domain.Auth.Operations.RosterInvitations, zoomRateLimits: false);
        api.MapPost("/apps", CreateApp).WithName("rosterCreateApp").Scoped(Domain.Auth.Operations.RosterCreateApp, zoomRateLimits: false);
        api.MapPost("/tokens/verify", VerifyToken).WithName("rosterVerifyToken").Scoped(Domain.Auth.Operations.RosterVerifyToken, zoomRateLimits: false);
        api.MapGet("/events", ListEvents).WithName("rosterEvents").Scoped(Domain.Auth.Operations.RosterEvents, zoomRateLimits: false);
        api.MapGet("/events/stream", StreamEvents).WithName("rosterEventsStream").Scoped(Domain.Auth.Operations.RosterEvents, zoomRateLimits: false);

        // Links carry the token in the query (/invitations?token=…): ASP.NET Core logs request paths in its log
        // scopes, never query strings. The path form of earlier links keeps working.
        app.MapGet("/invitations", (UsersService users, [Microsoft.AspNetCore.Mvc.FromQuery] string? token, HttpContext http) => InvitationPage(users, token ?? "", http)).ExcludeFromDescription();
        app.MapPost("/invitations", (UsersService users, FailureThrottle throttle, [Microsoft.AspNetCore.Mvc.FromQuery] string? token, HttpContext http) => AcceptInvitation(users, throttle, token ?? "", http)).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/invitations/{token}", InvitationPage).ExcludeFromDescription();
        app.MapPost("/invitations/{token}", AcceptInvitation).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    public static async Task<IResult> ListInvitations(HttpContext http, UsersService users)
    {
        var pending = await users.PendingInvitationsAsync(http.Caller(), http.RequestAborted);
        var baseUrl = UserWire.BaseUrl(http.Request);
        return TypedResults.Json(new InvitationListDto(pending
            .Select(u => new InvitationDto(u.Email, InvitationLink(baseUrl, u.InviteToken!), UserWire.Time(u.InviteExpiresAt!.Value))).ToList()),
            ServerJson.Default.InvitationListDto);
    }

    /// <summary>
    /// A new app, its client secret and webhook secret token shown once; with <c>event_subscription</c> also its first
    /// subscription, whose URL answers the challenge under the new token before anything is saved.
    /// </summary>
    public static async Task<IResult> CreateApp(HttpContext http, AppsService apps, Domain.Webhooks.WebhookSubscriptionsService subscriptions)
    {
        var body = await Input.Json(http.Request, ServerJson.Default.AppRequest);
        var caller = http.Caller();
        var token = body.WebhookSecretToken ?? Domain.Webhooks.WebhookSubscriptionsService.NewSecretToken();
        if (!Domain.Webhooks.WebhookSubscriptionsService.IsSecretToken(token)) throw Fail.InvalidField("webhook_secret_token");
        Domain.Webhooks.WebhookSubscription? subscription = null;
        Func<IStoreSession, Domain.Auth.OAuthApp, Task>? alsoCreate = null;
        if (body.EventSubscription is { } es)
        {
            var insert = await subscriptions.PrepareForNewAppAsync(caller,
                new(es.Events, es.EventSubscriptionName, es.EventWebhookUrl, es.UserIds, es.SubscriptionScope, es.AccountId), token, http.RequestAborted);
            alsoCreate = async (s, app) => subscription = await insert(s, app);
        }
        var (created, secret) = await apps.CreateAppAsync(caller, body.AccountId, body.Scopes, body.Type ?? Domain.Auth.OAuthAppTypes.ServerToServer,
            body.RedirectUris ?? [], body.Name, ct: http.RequestAborted, webhookSecretToken: token, alsoInTransaction: alsoCreate);
        return TypedResults.Json(new AppDto(created.ClientId, secret, created.AccountId, string.Join(' ', created.Scopes), created.Type, created.RedirectUris, created.Name,
            token, subscription?.Id), ServerJson.Default.AppDto, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The link an invitee opens (the token in the query: request paths reach the framework's log, queries do not).</summary>
    public static string InvitationLink(string baseUrl, string token) => $"{baseUrl}/invitations?token={Uri.EscapeDataString(token)}";

    /// <summary>The caller's account's events after the cursor <c>after</c>, oldest first; <c>next_after</c> continues.</summary>
    public static async Task<IResult> ListEvents(HttpContext http, Domain.Events.EventsService events,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? after, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size")] string? pageSize)
    {
        if (!Domain.Events.EventPosition.TryParse(after, out var from)) throw Fail.InvalidField("after");
        var page = await events.ListAsync(http.Caller(), from, Input.Int(pageSize, "page_size"), http.RequestAborted);
        return TypedResults.Json(new EventListDto(page.Select(e => new EventDto(e.Seq, e.Id, e.Type, e.AccountId, e.SubjectId, e.OperatorId,
            e.OperatorClientId, UserWire.Time(e.OccurredAt), e.Data)).ToList(), (page.Count > 0 ? page[^1].Position : from).ToString()), ServerJson.Default.EventListDto);
    }

    /// <summary>
    /// The caller's account's events as they commit, as server-sent events (<c>id</c> = the cursor, <c>event</c> = the
    /// type, <c>data</c> = the event as <c>GET /events</c> shows it). From <c>after</c> (or <c>Last-Event-ID</c>, so a
    /// reconnecting client misses nothing), else from now; for <c>timeout</c> seconds when given (0–3600), else until
    /// the client goes. The rule is the list's: it was checked when the stream opened.
    /// </summary>
    public static Task StreamEvents(HttpContext http, Domain.Events.EventsService events, Storage.IStoreEngine engine, ILogger<Domain.Events.EventsService> log,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? after, [Microsoft.AspNetCore.Mvc.FromQuery] string? timeout)
        => WriteEventStream(http, events, engine, log, after, timeout, named: true);

    /// <param name="named">Whether each event carries its type as the SSE <c>event</c> name (a browser's EventSource
    /// hears unnamed events alone without knowing every type beforehand).</param>
    public static async Task WriteEventStream(HttpContext http, Domain.Events.EventsService events, Storage.IStoreEngine engine, ILogger<Domain.Events.EventsService> log,
        string? after, string? timeout, bool named)
    {
        var resume = after ?? http.Request.Headers["Last-Event-ID"].FirstOrDefault();
        if (!Domain.Events.EventPosition.TryParse(resume, out var at)) throw Fail.InvalidField("after");
        var seconds = Input.Int(timeout, "timeout");
        if (seconds is < 0 or > 3600) throw Fail.InvalidField("timeout");
        var caller = http.Caller();
        // the rule first (and where "now" is), then the stream: headers go out at once, before any event
        if (string.IsNullOrEmpty(resume)) at = await events.LatestAsync(caller, http.RequestAborted);
        else await events.ListAsync(caller, at, 1, http.RequestAborted);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        if (seconds is { } s) stop.CancelAfter(TimeSpan.FromSeconds(s));
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.StartAsync(http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        var idle = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var page = await events.ListAsync(caller, at, Domain.Events.EventsService.MaxPageSize, stop.Token);
                var text = new System.Text.StringBuilder();
                foreach (var e in page)
                {
                    at = e.Position;
                    var dto = new EventDto(e.Seq, e.Id, e.Type, e.AccountId, e.SubjectId, e.OperatorId, e.OperatorClientId, UserWire.Time(e.OccurredAt), e.Data);
                    // compact JSON has no line breaks: one data line per event
                    text.Append("id: ").Append(at.ToString());
                    if (named) text.Append("\nevent: ").Append(e.Type);
                    text.Append("\ndata: ")
                        .Append(JsonSerializer.Serialize(dto, ServerJson.Default.EventDto)).Append("\n\n");
                }
                if (page.Count == 0 && ++idle % 75 == 0) text.Append(": keep-alive\n\n"); // every 15 s idle, for proxies
                if (text.Length > 0)
                {
                    idle = page.Count == 0 ? idle : 0;
                    await http.Response.WriteAsync(text.ToString(), stop.Token);
                    await http.Response.Body.FlushAsync(stop.Token);
                }
                if (page.Count < Domain.Events.EventsService.MaxPageSize) await Task.Delay(200, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the timeout ran out or the client went: the stream ends
        }
        catch (Exception e) when (e is Domain.Errors.ZoomException || engine.IsUnavailable(e))
        {
            // after the 200 went out nothing else can be answered: the caller lost its rights meanwhile, or the store is out
            // of reach; the stream ends cleanly and a client reconnects with Last-Event-ID (and is told why, if refused)
            log.LogInformation("An event stream ended early: {Reason}", e.Message);
        }
    }

    public static async Task<IResult> VerifyToken(HttpContext http, UserTokensService users)
    {
        var body = await Input.Json(http.Request, ServerJson.Default.TokenCheckRequest);
        var payload = await users.VerifyTokenAsync(http.Caller(), body.Token ?? "", http.RequestAborted);
        return TypedResults.Json(payload is null
            ? new TokenCheckDto(false, null, null, null)
            : new TokenCheckDto(true, payload.UserId, payload.Type, payload.ExpiresAt), ServerJson.Default.TokenCheckDto);
    }

    /// <summary>The invitation form: the account that invites, the password rules before the user types, an error in place.</summary>
    static IResult InvitationForm(HttpContext http, Invitation invitation, string? error = null, int status = 200)
    {
        var rules = "<ul class=\"rules\" id=\"rules\">" + string.Concat(PasswordPolicy.Rules.Select(r => $"<li>{HtmlPages.Encode(r)}</li>")) + "</ul>";
        return HtmlPages.Page(http, $"Join {invitation.AccountName} on Zoom",
            $"<h1>Join {HtmlPages.Encode(invitation.AccountName)} on Zoom</h1>" +
            $"<p>Choose a password to activate <b>{HtmlPages.Encode(invitation.User.Email)}</b>.</p>" +
            "<form method=\"post\">" + HtmlPages.CsrfField(http) +
            HtmlPages.Field("password", "Password", "password", "new-password", error: error, describedBy: "rules") + rules +
            "<button type=\"submit\">Activate my account</button></form>", status, invitation.AccountName);
    }

    static IResult InvitationGone(HttpContext http, string message, int status)
        => HtmlPages.Page(http, "Invitation not found",
            $"<h1>Invitation not found</h1><p>{HtmlPages.Encode(message)}</p><p>Ask an admin of the account to invite you again.</p>", status);

    public static async Task<IResult> InvitationPage(UsersService users, string token, HttpContext http)
    {
        try
        {
            return InvitationForm(http, await users.FindInvitationAsync(token, http.RequestAborted));
        }
        catch (Domain.Errors.ZoomException e)
        {
            return InvitationGone(http, e.Error.Message, 404);
        }
    }

    /// <summary>
    /// The invitation form: antiforgery token, then the failure throttle, then the invitation token, and only then
    /// the password policy and its hash (the slow part, bounded), so an unknown caller cannot make Roster hash.
    /// A refused password shows the form again with the reason under the field.
    /// </summary>
    public static async Task<IResult> AcceptInvitation(UsersService users, FailureThrottle throttle, string token, HttpContext http)
    {
        async Task<IResult> Again(string message, int status)
        {
            try
            {
                return InvitationForm(http, await users.FindInvitationAsync(token, http.RequestAborted), message, status);
            }
            catch (Domain.Errors.ZoomException gone)
            {
                return InvitationGone(http, gone.Error.Message, status); // the refusal's status: the request was refused first
            }
        }
        if (throttle.Blocked(http)) return HtmlPages.Page(http, "Could not activate", "<h1>Could not activate</h1><p>Too many failed attempts. Try again in a minute.</p>", 429);
        if (!await HtmlPages.CsrfValid(http)) return await Again("The form expired or did not come from this page. Choose your password again.", 400);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var password = form["password"].FirstOrDefault() ?? "";
        try
        {
            var user = await users.AcceptInvitationAsync(token, password, http.RequestAborted);
            return HtmlPages.Page(http, "Account activated",
                $"<h1>You are all set</h1><p><b>{HtmlPages.Encode(user.Email)}</b> is now active. Sign in with this e-mail and your new password.</p>");
        }
        catch (Domain.Errors.ZoomException e)
        {
            if (e.Error.Code == 1120) throttle.Failed(http);
            return await Again(e.Error.Message, e.Error.Status);
        }
    }
}
