using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Roster.Domain.AdminConsole;
using Roster.Domain.Errors;
using Roster.Server.Auth;
using Roster.Server.Hosting;
using Roster.Server.Http;

namespace Roster.Server.AdminConsole;

/// <summary>
/// The admin console at <c>/console</c>: server-rendered pages (Razor components, no script) over the same domain
/// services as the API. Who may call what:
/// <list type="bullet">
/// <item>the sign-in page, and its form (antiforgery token and failure throttle before any key or password check): anyone;</item>
/// <item>every other page and form: a console session (an HttpOnly, SameSite=Strict cookie on <c>/console</c>, Secure
///   over HTTPS), still standing (same key, or the same active owner/admin with the same password), and every form
///   also its antiforgery token;</item>
/// <item>an account's pages: sessions that reach it (their own account and its sub accounts; the admin key every
///   account); any other account answers as one that does not exist;</item>
/// <item>the sandbox page and its forms: admin-key sessions on a server with the sandbox on; absent for everyone else.</item>
/// </list>
/// Pages are never framed, never cached, and send no referrer.
/// </summary>
public static class ConsoleEndpoints
{
    public const string Scheme = "roster-console";
    public const string CookieName = "roster_console";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static IServiceCollection AddRosterConsole(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<ConsoleAccess>();
        services.AddSingleton<ConsoleUsers>();
        services.AddSingleton<ConsoleImports>();
        // No default scheme (ASP.NET Core would make the only one the default): the API's requests never read this
        // cookie or pay for it. The console reads it itself, first thing, and makes it the request's user, so every
        // form token is bound to the session it was issued in.
        services.AddSingleton<IAuthenticationSchemeProvider, ExplicitSchemeProvider>();
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.Path = "/console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = SessionLifetime;
            o.SlidingExpiration = true;
        });
        // sessions run on real time: moving the sandbox's clock must not sign the operator out
        services.AddOptions<CookieAuthenticationOptions>(Scheme)
            .Configure<IServiceProvider>((o, sp) => o.TimeProvider = sp.GetRequiredKeyedService<TimeProvider>("real"));
        return services;
    }

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app, bool sandboxEnabled)
    {
        var console = app.MapGroup("/console").ExcludeFromDescription();
        console.MapGet("/console.css", () => Results.Text(ConsoleStyle.Css, "text/css; charset=utf-8"));
        console.MapGet("/console.js", () => Results.Text(ConsoleScript.Js, "text/javascript; charset=utf-8"));
        console.MapGet("/", H(http => Page(http, s => Task.FromResult<IResult>(Results.Redirect($"/console/accounts/{s.Who.AccountId}/users")))));
        console.MapGet("/sign-in", SignInPage);
        console.MapPost("/sign-in", SignIn);
        console.MapPost("/sign-out", H(SignOut));
        console.MapGet("/accounts", H(http => Page(http, s => ConsolePages.AccountsAsync(http, s))));
        console.MapPost("/accounts", H(http => Form(http, (s, f) => ConsolePages.CreateAccountAsync(http, s, f))));
        console.MapGet("/accounts/{accountId}/users", (HttpContext http, string accountId) => Page(http, s => ConsolePages.UsersAsync(http, s, accountId)));
        console.MapGet("/accounts/{accountId}/users/new", (HttpContext http, string accountId) => Page(http, s => ConsolePages.NewUserAsync(http, s, accountId)));
        console.MapPost("/accounts/{accountId}/users", (HttpContext http, string accountId) => Form(http, (s, f) => ConsolePages.CreateUserAsync(http, s, accountId, f)));
        console.MapGet("/accounts/{accountId}/users/{userId}", (HttpContext http, string accountId, string userId) => Page(http, s => ConsolePages.UserAsync(http, s, accountId, userId)));
        console.MapPost("/accounts/{accountId}/users/{userId}/settings/{section}", (HttpContext http, string accountId, string userId, string section) =>
            Form(http, (s, f) => ConsolePages.SaveSettingsAsync(http, s, accountId, userId, section, f)));
        console.MapPost("/accounts/{accountId}/users/{userId}/status", (HttpContext http, string accountId, string userId) =>
            Form(http, (s, f) => ConsolePages.SetStatusAsync(http, s, accountId, userId, f)));
        console.MapPost("/accounts/{accountId}/users/{userId}/type", (HttpContext http, string accountId, string userId) =>
            Form(http, (s, f) => ConsolePages.SetTypeAsync(http, s, accountId, userId, f)));
        console.MapPost("/accounts/{accountId}/users/{userId}/delete", (HttpContext http, string accountId, string userId) =>
            Form(http, (s, f) => ConsolePages.DeleteAsync(http, s, accountId, userId, f)));
        console.MapPost("/accounts/{accountId}/users/{userId}/assistants", (HttpContext http, string accountId, string userId) =>
            Form(http, (s, f) => ConsolePages.AddAssistantAsync(http, s, accountId, userId, f)));
        console.MapPost("/accounts/{accountId}/users/{userId}/assistants/{assistantId}/delete", (HttpContext http, string accountId, string userId, string assistantId) =>
            Form(http, (s, f) => ConsolePages.DeleteAssistantAsync(http, s, accountId, userId, assistantId)));
        console.MapPost("/accounts/{accountId}/users/{userId}/schedulers/{schedulerId}/delete", (HttpContext http, string accountId, string userId, string schedulerId) =>
            Form(http, (s, f) => ConsolePages.DeleteSchedulerAsync(http, s, accountId, userId, schedulerId)));
        console.MapPost("/accounts/{accountId}/users/{userId}/tokens/revoke", (HttpContext http, string accountId, string userId) =>
            Form(http, (s, f) => ConsolePages.RevokeTokensAsync(http, s, accountId, userId)));
        console.MapPost("/accounts/{accountId}/users/{userId}/picture", (HttpContext http, string accountId, string userId) =>
            Form(http, (s, f) => ConsolePages.UploadPictureAsync(http, s, accountId, userId, f)));
        console.MapPost("/accounts/{accountId}/users/{userId}/picture/delete", (HttpContext http, string accountId, string userId) =>
            Form(http, (s, f) => ConsolePages.DeletePictureAsync(http, s, accountId, userId)));
        console.MapGet("/accounts/{accountId}/imports/new", (HttpContext http, string accountId) => Page(http, s => ConsolePages.NewImportAsync(http, s, accountId)));
        console.MapPost("/accounts/{accountId}/imports", (HttpContext http, string accountId) => http.Request.ContentLength > ConsoleImports.MaxBytes + 64 * 1024
            ? Task.FromResult(TooLarge(http))
            : Form(http, (s, f) => ConsolePages.StartImportAsync(http, s, accountId, f)));
        console.MapGet("/accounts/{accountId}/imports/{importId}", (HttpContext http, string accountId, string importId) =>
            Page(http, s => ConsolePages.ImportAsync(http, s, accountId, importId)));
        console.MapGet("/accounts/{accountId}/activity", (HttpContext http, string accountId) => Page(http, s => ConsolePages.ActivityAsync(http, s, accountId), script: true));
        console.MapGet("/accounts/{accountId}/activity/stream", (HttpContext http, string accountId) => Stream(http, accountId));
        console.MapPost("/accounts/{accountId}/activity/deliveries/{deliveryId}/redeliver", (HttpContext http, string accountId, string deliveryId) =>
            Form(http, (s, f) => ConsolePages.RedeliverAsync(http, s, accountId, deliveryId)));
        console.MapGet("/accounts/{accountId}/apps", (HttpContext http, string accountId) => Page(http, s => ConsolePages.AppsAsync(http, s, accountId)));
        console.MapPost("/accounts/{accountId}/apps", (HttpContext http, string accountId) => Form(http, (s, f) => ConsolePages.CreateAppAsync(http, s, accountId, f)));
        console.MapPost("/accounts/{accountId}/apps/{clientId}/rotate", (HttpContext http, string accountId, string clientId) =>
            Form(http, (s, f) => ConsolePages.RotateAsync(http, s, accountId, clientId)));
        if (sandboxEnabled)
        {
            console.MapGet("/sandbox", H(http => Page(http, s => SandboxOnly(http, s, () => ConsolePages.SandboxAsync(http, s)))));
            console.MapPost("/sandbox/reset", H(http => Form(http, (s, f) => SandboxOnly(http, s, () => ConsolePages.ResetAsync(http, s)))));
            console.MapPost("/sandbox/snapshots", H(http => Form(http, (s, f) => SandboxOnly(http, s, () => ConsolePages.SaveSnapshotAsync(http, s, f)))));
            console.MapPost("/sandbox/snapshots/{name}/restore", (HttpContext http, string name) =>
                Form(http, (s, f) => SandboxOnly(http, s, () => ConsolePages.RestoreAsync(http, s, name))));
            console.MapGet("/sandbox/traffic", H(http => Page(http, s => SandboxOnly(http, s, () => ConsolePages.TrafficAsync(http, s)))));
            console.MapPost("/sandbox/faults", H(http => Form(http, (s, f) => SandboxOnly(http, s, () => ConsolePages.AddFaultAsync(http, s, f)))));
            console.MapPost("/sandbox/faults/{id}/delete", (HttpContext http, string id) => Form(http, (s, f) => SandboxOnly(http, s, () => ConsolePages.DeleteFaultAsync(http, s, id))));
            console.MapPost("/sandbox/clock", H(http => Form(http, (s, f) => SandboxOnly(http, s, () => ConsolePages.ClockAsync(http, s, f)))));
        }
        return app;
    }

    static IResult TooLarge(HttpContext http)
    {
        SecureHeaders(http.Response);
        return ConsolePages.Message(null, Fail.BodyTooLarge().Error);
    }

    /// <summary>A handler of the request alone, as a route handler (its result is written).</summary>
    static Delegate H(Func<HttpContext, Task<IResult>> handler) => handler;

    /// <summary>A console session: who, and what its pages show in the menu.</summary>
    public sealed record Session(ConsoleIdentity Who, ConsoleNav Nav);

    /// <summary>
    /// Frame, cache and referrer rules for every console response; style only from this server, forms only to it, and
    /// no script but the console's own file on the one page that uses it (the activity page's live part).
    /// </summary>
    static void SecureHeaders(HttpResponse response, bool script = false)
    {
        HtmlPages.SecureHeaders(response);
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            + (script ? "; script-src 'self'; connect-src 'self'" : "");
    }

    /// <summary>Reads the session cookie and makes its identity the request's user (form tokens are bound to it); first thing on every console request.</summary>
    static async Task ReadCookieAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (result.Succeeded && result.Principal is { } principal) http.User = principal;
    }

    static async Task<Session?> SessionAsync(HttpContext http)
    {
        if (http.User.Identity?.AuthenticationType != Scheme) return null;
        var principal = http.User;
        string? Claim(string type) => principal.FindFirst(type)?.Value;
        if (Claim("aid") is not { } aid || Claim("uid") is not { } uid || Claim("stamp") is not { } stamp) return null;
        var who = new ConsoleIdentity(aid, uid, stamp, Claim("key") == "1");
        // the key changed or the sandbox was switched off since; or the user is no longer an active owner/admin with that password
        var sandboxOn = http.RequestServices.GetRequiredService<RosterOptions>().SandboxEnabled;
        if ((who.AdminKey && !sandboxOn) || !await http.RequestServices.GetRequiredService<ConsoleAccess>().StandsAsync(who, http.RequestAborted))
        {
            await http.SignOutAsync(Scheme);
            http.User = new ClaimsPrincipal(new ClaimsIdentity()); // forms on this answer (the sign-in page) are anonymous ones
            return null;
        }
        return new Session(who, new ConsoleNav(Claim("name") ?? "", aid, who.AdminKey, Sandbox: who.AdminKey));
    }

    /// <summary>A page for a session: without one, the sign-in page (coming back here after); a refusal of the domain as a page with its status.</summary>
    static async Task<IResult> Page(HttpContext http, Func<Session, Task<IResult>> render, bool script = false)
    {
        SecureHeaders(http.Response, script);
        await ReadCookieAsync(http);
        if (await SessionAsync(http) is not { } session)
            return Results.Redirect("/console/sign-in?return=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
        try
        {
            return await render(session);
        }
        catch (ZoomException e)
        {
            return ConsolePages.Message(session.Nav, e.Error);
        }
    }

    /// <summary>A form post: its antiforgery token first (cheap), then the session; a refusal of the domain as a page with its status.</summary>
    static async Task<IResult> Form(HttpContext http, Func<Session, IFormCollection, Task<IResult>> act)
    {
        SecureHeaders(http.Response);
        await ReadCookieAsync(http);
        if (!await HtmlPages.CsrfValid(http)) return ConsolePages.Message(null, Fail.ConsoleFormExpired().Error);
        if (await SessionAsync(http) is not { } session) return SeeOther(http, "/console/sign-in");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            return await act(session, form);
        }
        catch (ZoomException e)
        {
            return ConsolePages.Message(session.Nav, e.Error);
        }
    }

    /// <summary>
    /// The account's events as they commit, as server-sent events (the API's stream, unnamed so a page's EventSource
    /// hears every type): for a session that reaches the account, under the rule of <c>GET /roster/v1/events</c>.
    /// </summary>
    static async Task Stream(HttpContext http, string accountId)
    {
        SecureHeaders(http.Response);
        await ReadCookieAsync(http);
        if (await SessionAsync(http) is not { } session)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized; // an EventSource does not follow a sign-in page
            return;
        }
        try
        {
            var (_, caller) = await http.RequestServices.GetRequiredService<ConsoleAccess>().ReachAsAccountAsync(session.Who, accountId, http.RequestAborted);
            http.SetCaller(caller);
        }
        catch (ZoomException e)
        {
            http.Response.StatusCode = e.Error.Status;
            return;
        }
        var services = http.RequestServices;
        await RosterEndpoints.WriteEventStream(http, services.GetRequiredService<Domain.Events.EventsService>(), services.GetRequiredService<Storage.IStoreEngine>(),
            services.GetRequiredService<ILogger<Domain.Events.EventsService>>(), null, StreamSeconds, named: false);
    }

    /// <summary>
    /// A stream ends after this long; the browser's EventSource then reconnects from its last event, and the session is
    /// checked again (a session that ended meanwhile, by a password change say, gets no more events).
    /// </summary>
    const string StreamSeconds = "300";

    static Task<IResult> SandboxOnly(HttpContext http, Session session, Func<Task<IResult>> work)
        => session.Nav.Sandbox ? work() : throw Fail.ConsolePageNotFound();

    /// <summary>303: after a form, the browser fetches the answer with GET (a reload does not post again).</summary>
    public static IResult SeeOther(HttpContext http, string url)
    {
        http.Response.Headers.Location = url;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>Only a path of this console is a place to come back to after signing in (no open redirect).</summary>
    static string SafeReturn(string? url)
        => url is { Length: > 0 and < 2048 } && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
           && !url.Contains('\\') && !url.Any(char.IsControl) ? url : "/console";

    static async Task<IResult> SignInPage(HttpContext http, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "return")] string? returnUrl)
    {
        SecureHeaders(http.Response);
        await ReadCookieAsync(http);
        if (await SessionAsync(http) is not null) return Results.Redirect(SafeReturn(returnUrl));
        return ConsolePages.SignIn(http, SafeReturn(returnUrl), null, null, 200);
    }

    /// <summary>
    /// The sign-in form: antiforgery token and failure throttle first, then the key (a hash compare) or the e-mail and
    /// password (slow, bounded, outside any transaction). Refusals keep the e-mail and say why in place.
    /// </summary>
    static async Task<IResult> SignIn(HttpContext http, FailureThrottle throttle, ConsoleAccess access)
    {
        SecureHeaders(http.Response);
        await ReadCookieAsync(http);
        if (!await HtmlPages.CsrfValid(http)) return ConsolePages.Message(null, Fail.ConsoleFormExpired().Error);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        string? F(string name) => form[name].FirstOrDefault();
        var returnUrl = SafeReturn(F("return"));
        var email = F("email")?.Trim();
        var byKey = F("method") == "key";
        var subject = byKey ? FailureThrottle.SandboxKey : FailureThrottle.SignIn(email);
        if (throttle.Blocked(http, subject))
            return ConsolePages.SignIn(http, returnUrl, email, Fail.TooManyFailedAttempts(http.Response.Headers.RetryAfter.ToString()).Error.Message, 429);
        ConsoleIdentity who;
        string name;
        if (byKey)
        {
            // the key is the sandbox's: with the sandbox off it opens nothing, here as under /roster/v1/sandbox
            var sandboxOn = http.RequestServices.GetRequiredService<RosterOptions>().SandboxEnabled;
            if (!sandboxOn || await access.SignInWithKeyAsync(F("key"), http.RequestAborted) is not { } keyHolder)
            {
                throttle.Failed(http, subject);
                return ConsolePages.SignIn(http, returnUrl, email, Fail.ConsoleKeyRefused().Error.Message, 401, keyError: true);
            }
            (who, name) = (keyHolder, "Sandbox admin");
        }
        else
        {
            try
            {
                who = await access.SignInWithPasswordAsync(email, F("password"), http.RequestAborted);
                name = email!.ToLowerInvariant();
            }
            catch (ZoomException e)
            {
                if (e.Error.Status == 401) throttle.Failed(http, subject);
                return ConsolePages.SignIn(http, returnUrl, email, e.Error.Message, e.Error.Status);
            }
        }
        throttle.Succeeded(http, subject);
        var identity = new ClaimsIdentity([
            new Claim("aid", who.AccountId), new Claim("uid", who.UserId), new Claim("stamp", who.Stamp),
            new Claim("key", who.AdminKey ? "1" : "0"), new Claim("name", name)], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return SeeOther(http, returnUrl);
    }

    static async Task<IResult> SignOut(HttpContext http)
    {
        SecureHeaders(http.Response);
        await ReadCookieAsync(http);
        if (!await HtmlPages.CsrfValid(http)) return ConsolePages.Message(null, Fail.ConsoleFormExpired().Error);
        await http.SignOutAsync(Scheme);
        return SeeOther(http, "/console/sign-in");
    }
}
