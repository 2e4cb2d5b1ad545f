using Roster.Domain.Groups;
using Microsoft.AspNetCore.Http.HttpResults;
using Roster.Domain.AdminConsole;
using Roster.Domain.Sandbox;
using Roster.Server.Hosting;
using static Roster.Server.AdminConsole.ConsoleEndpoints;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Settings;
using Roster.Domain.Users;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.AdminConsole;

/// <summary>The console's pages and forms: each reads the request, calls one domain service, and renders or redirects.</summary>
public static partial class ConsolePages
{
    static T Get<T>(HttpContext http) where T : notnull => http.RequestServices.GetRequiredService<T>();

    static RazorComponentResult Render<TPage>(object parameters, int status = 200) where TPage : Microsoft.AspNetCore.Components.IComponent
        => new RazorComponentResult<TPage>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    /// <summary>A refusal or a missing page, with the status and message Zoom's error carries.</summary>
    public static IResult Message(ConsoleNav? nav, ZoomError error)
        => Render<MessagePage>(new { Nav = nav, Status = error.Status, Text = error.Message }, error.Status);

    public static IResult SignIn(HttpContext http, string returnUrl, string? email, string? error, int status, bool keyError = false)
        => Render<SignInPage>(new { Return = returnUrl, Email = email, Error = error, KeyError = keyError, KeyOffered = Get<RosterOptions>(http).SandboxEnabled }, status);

    /// <summary>A refusal as a form shows it: Zoom's message, then each field's problem.</summary>
    internal static string Explain(ZoomError error)
        => error.Message + (error.Errors is { Count: > 0 } list ? " " + string.Join(" ", list.Select(f => $"{f.Field}: {f.Message}")) : "");

    /// <summary>A query's text value, or null when absent or empty.</summary>
    static string? Query(HttpContext http, string name) => http.Request.Query[name].FirstOrDefault() is { Length: > 0 } v ? v : null;

    /// <summary>A query's whole number; a value that is not one is added to <paramref name="problems"/> (and taken as absent).</summary>
    static int? QueryInt(HttpContext http, string name, List<FieldError> problems)
    {
        if (Query(http, name) is not { } raw) return null;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        problems.Add(new FieldError(name, "Not a number."));
        return null;
    }

    /// <summary>Fixed notices a redirect may name (never text from the query).</summary>
    static string? Notice(HttpContext http) => http.Request.Query["done"].FirstOrDefault() switch
    {
        "saved" => "Settings saved.",
        "activated" => "The user is active.",
        "deactivated" => "The user is deactivated.",
        "type" => "The user's type changed.",
        "account-created" => "The sub account was created.",
        "assistant-added" => "The assistant was added.",
        "assistant-removed" => "The assistant was removed.",
        "scheduler-removed" => "The scheduler was removed.",
        "revoked" => "The user's tokens were revoked: every token issued before now is refused.",
        "picture-deleted" => "The picture was deleted.",
        "picture-uploaded" => "The picture was uploaded.",
        "deleted" => "The user was deleted.",
        "disassociated" => "The user was disassociated from the account.",
        "reset" => "The sandbox was reset to its first state.",
        "saved-snapshot" => "Snapshot saved.",
        "restored" => "Snapshot restored.",
        "clock" => "The clock changed.",
        "fault" => "The fault rule was added.",
        "fault-deleted" => "The fault rule was deleted.",
        "redelivered" => "The delivery was queued to be sent again.",
        _ => null,
    };

    public static string UsersPath(string accountId) => $"/console/accounts/{Uri.EscapeDataString(accountId)}/users";
    public static string UserPath(string accountId, string userId) => $"{UsersPath(accountId)}/{Uri.EscapeDataString(userId)}";

    // ---- accounts ----

    public static async Task<IResult> AccountsAsync(HttpContext http, Session s, NewAccountValues? values = null, string? error = null, int status = 200)
    {
        var access = Get<ConsoleAccess>(http);
        var users = Get<UsersService>(http);
        var rows = new List<AccountRow>();
        var home = await access.ReachAsync(s.Who, s.Who.AccountId, http.RequestAborted);
        foreach (var (account, caller) in new[] { home }.Concat(await access.SubAccountsAsync(s.Who, 100, http.RequestAborted)))
            rows.Add(new AccountRow(account, account.Id == s.Who.AccountId, await users.SummaryAsync(caller, http.RequestAborted)));
        var canCreate = await access.SubAccountCreatorAsync(s.Who, http.RequestAborted) is not null;
        return Render<AccountsPage>(new { s.Nav, Accounts = rows, CanCreate = canCreate, Values = values, Error = error, Notice = error is null ? Notice(http) : null }, status);
    }

    /// <summary>Creates a sub account of the session's account as <c>POST /accounts</c> does (its checks, its owner with a password).</summary>
    public static async Task<IResult> CreateAccountAsync(HttpContext http, Session s, IFormCollection form)
    {
        var caller = await Get<ConsoleAccess>(http).SubAccountCreatorAsync(s.Who, http.RequestAborted)
            ?? throw Fail.NoPrivilege("Only the owner of a master account (or the sandbox admin key) can create sub accounts.");
        string? F(string name) => form[name].FirstOrDefault() is { Length: > 0 } v ? v.Trim() : null;
        var values = new NewAccountValues(F("account_name"), F("email"), F("first_name"), F("last_name"), F("plan"), F("seats"), F("managed_domains"));
        try
        {
            int? seats = values.Seats is null ? null
                : int.TryParse(values.Seats, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Fail.InvalidField("seats");
            await Get<SubAccountsService>(http).CreateSubAccountAsync(caller, new CreateAccountRequest
            {
                AccountName = values.AccountName, Email = values.Email, FirstName = values.FirstName, LastName = values.LastName, Password = form["password"].FirstOrDefault(),
                Plan = values.Plan, Seats = seats, ManagedDomains = values.Domains?.Split(Spaces, StringSplitOptions.RemoveEmptyEntries).ToList(),
            }, http.RequestAborted);
        }
        catch (ZoomException e) when (e.Error.Status is 400 or 409)
        {
            return await AccountsAsync(http, s, values, Explain(e.Error), e.Error.Status);
        }
        return SeeOther(http, "/console/accounts?done=account-created");
    }

    // ---- users ----

    public static async Task<IResult> UsersAsync(HttpContext http, Session s, string accountId)
    {
        var (account, caller) = await Get<ConsoleAccess>(http).ReachAsync(s.Who, accountId, http.RequestAborted);
        string? Q(string name) => Query(http, name);
        var problems = new List<FieldError>();
        var after = Q("after") is { } a ? long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : -1 : 0;
        var query = new UserBrowseQuery(Q("status") ?? UserStatuses.Active, QueryInt(http, "type", problems), Q("role"), Q("q"), after);
        problems.AddRange(query.Problems());
        var summary = await Get<UsersService>(http).SummaryAsync(caller, http.RequestAborted);
        if (problems.Count > 0)
            return Render<UsersPage>(new { s.Nav, Account = account, Query = query, Summary = summary, Problems = problems }, 400);
        var page = await Get<ConsoleUsers>(http).BrowseAsync(caller, query, http.RequestAborted);
        return Render<UsersPage>(new { s.Nav, Account = account, Query = query, Page = page, Summary = summary, Notice = Notice(http) });
    }

    public static async Task<IResult> UserAsync(HttpContext http, Session s, string accountId, string userId, string? error = null, int status = 200,
        string? section = null, string? filter = null)
    {
        var (account, caller) = await Get<ConsoleAccess>(http).ReachAsync(s.Who, accountId, http.RequestAborted);
        var user = await Get<UsersService>(http).GetAsync(caller, userId, http.RequestAborted);
        JsonObject? settings = null;
        string? settingsNote = null;
        IReadOnlyDictionary<string, Group> lockedBy = new Dictionary<string, Group>();
        try
        {
            settings = await SettingsDocumentAsync(http, caller, user.Id);
            lockedBy = await Get<UserSettingsService>(http).GetLockedByAsync(caller, user.Id, http.RequestAborted);
        }
        catch (ZoomException e) when (e.Error.Status == 400)
        {
            settingsNote = e.Error.Message; // a pending user has no settings yet
        }
        IReadOnlyList<AssistantView>? assistants = null;
        IReadOnlyList<SchedulerView>? schedulers = null;
        string? relationsNote = null;
        try
        {
            var relations = Get<UserRelationsService>(http);
            assistants = await relations.ListAssistantsAsync(caller, user.Id, http.RequestAborted);
            schedulers = await relations.ListSchedulersAsync(caller, user.Id, http.RequestAborted);
        }
        catch (ZoomException e) when (e.Error.Status == 400)
        {
            relationsNote = e.Error.Message; // e.g. a pending user
        }
        filter ??= Query(http, "filter")?.Trim() is { Length: > 0 } f ? f : null;
        var sections = settings is null ? []
            : SettingsForm.Sections.Select(x => new SettingsSection(x, SettingsForm.Fields(x, settings, filter))).Where(x => x.Fields.Count > 0).ToList();
        var roleName = await Get<Domain.AccountRoles.RolesService>(http).RoleNameAsync(user, http.RequestAborted);
        return Render<UserPage>(new
        {
            s.Nav, Account = account, User = user, RoleName = roleName, Sections = sections, SettingsNote = settingsNote, Filter = filter, LockedBy = lockedBy,
            Notice = error is null ? Notice(http) : null, Error = error, OpenSection = section ?? http.Request.Query["section"].FirstOrDefault(),
            Assistants = assistants, Schedulers = schedulers, RelationsNote = relationsNote,
        }, status);
    }

    /// <summary>The settings the forms show: GET's full document and, beside it, GET's <c>meeting_security</c> document.</summary>
    static async Task<JsonObject> SettingsDocumentAsync(HttpContext http, Caller caller, string userId)
    {
        var service = Get<UserSettingsService>(http);
        var full = await service.GetSettingsAsync(caller, userId, null, null, http.RequestAborted);
        var security = await service.GetSettingsAsync(caller, userId, SettingsOptions.MeetingSecurity, null, http.RequestAborted);
        return SettingsForm.Document(full, security);
    }

    /// <summary>
    /// Saves one portal section's form: only the fields the form says it showed (a filtered form shows some) and changed,
    /// as one settings change in one transaction (a part per <c>option</c> document), through the settings PATCH's rules.
    /// </summary>
    public static async Task<IResult> SaveSettingsAsync(HttpContext http, Session s, string accountId, string userId, string slug, IFormCollection form)
    {
        var section = SettingsForm.Section(slug) ?? throw Fail.ConsolePageNotFound();
        var (_, caller) = await Get<ConsoleAccess>(http).ReachAsync(s.Who, accountId, http.RequestAborted);
        var current = await SettingsDocumentAsync(http, caller, userId);
        var filter = form["filter"].FirstOrDefault()?.Trim() is { Length: > 0 } f ? f : null;
        var shown = (form["fields"].FirstOrDefault() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var errors = new List<FieldError>();
        var patch = SettingsForm.Patch(section, current, shown, name => form[name].FirstOrDefault(), errors);
        try
        {
            if (errors.Count > 0) throw Fail.Validation([.. errors]);
            if (patch.Count > 0) await Get<UserSettingsService>(http).UpdateSettingsAsync(caller, userId, SettingsForm.Split(patch), http.RequestAborted);
        }
        catch (ZoomException e) when (e.Error.Status == 400)
        {
            return await UserAsync(http, s, accountId, userId, Explain(e.Error), 400, slug, filter);
        }
        var kept = filter is null ? "" : $"&filter={Uri.EscapeDataString(filter)}";
        return SeeOther(http, $"{UserPath(accountId, userId)}?done=saved&section={slug}{kept}#{slug}");
    }

    public static Task<IResult> SetStatusAsync(HttpContext http, Session s, string accountId, string userId, IFormCollection form)
    {
        var action = form["action"].FirstOrDefault();
        return UserAction(http, s, accountId, userId, action == "activate" ? "activated" : "deactivated",
            caller => Get<UsersService>(http).SetStatusAsync(caller, userId, new StatusRequest { Action = action }, http.RequestAborted));
    }

    public static Task<IResult> SetTypeAsync(HttpContext http, Session s, string accountId, string userId, IFormCollection form)
        => UserAction(http, s, accountId, userId, "type", caller =>
            int.TryParse(form["type"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var type)
                ? Get<UsersService>(http).UpdateAsync(caller, userId, new UserUpdate { Type = type }, http.RequestAborted)
                : throw Fail.InvalidField("type"));

    public static async Task<IResult> DeleteAsync(HttpContext http, Session s, string accountId, string userId, IFormCollection form)
    {
        var action = form["action"].FirstOrDefault() == "disassociate" ? "disassociate" : "delete";
        var (_, caller) = await Get<ConsoleAccess>(http).ReachAsync(s.Who, accountId, http.RequestAborted);
        try
        {
            await Get<UsersService>(http).DeleteAsync(caller, userId, new DeleteUserQuery(action, null), http.RequestAborted);
        }
        catch (ZoomException e) when (e.Error.Status == 400)
        {
            return await UserAsync(http, s, accountId, userId, e.Error.Message, 400);
        }
        return SeeOther(http, $"{UsersPath(accountId)}?done={(action == "delete" ? "deleted" : "disassociated")}");
    }

    /// <summary>
    /// A change to one user that answers with the user's page: done, a redirect with its notice; refused (400), the page
    /// with the API's message.
    /// </summary>
    static async Task<IResult> UserAction(HttpContext http, Session s, string accountId, string userId, string done, Func<Caller, Task> act)
    {
        var (_, caller) = await Get<ConsoleAccess>(http).ReachAsync(s.Who, accountId, http.RequestAborted);
        try
        {
            await act(caller);
        }
        catch (ZoomException e) when (e.Error.Status == 400)
        {
            return await UserAsync(http, s, accountId, userId, Explain(e.Error), 400);
        }
        return SeeOther(http, $"{UserPath(accountId, userId)}?done={done}");
    }

    public static Task<IResult> AddAssistantAsync(HttpContext http, Session s, string accountId, string userId, IFormCollection form)
        => UserAction(http, s, accountId, userId, "assistant-added", caller => Get<UserRelationsService>(http).AddAssistantsAsync(caller, userId,
            new AddAssistantsRequest { Assistants = [new AssistantRef { Email = form["email"].FirstOrDefault() }] }, http.RequestAborted));

    public static Task<IResult> DeleteAssistantAsync(HttpContext http, Session s, string accountId, string userId, string assistantId)
        => UserAction(http, s, accountId, userId, "assistant-removed", caller => Get<UserRelationsService>(http).DeleteAssistantAsync(caller, userId, assistantId, http.RequestAborted));

    public static Task<IResult> DeleteSchedulerAsync(HttpContext http, Session s, string accountId, string userId, string schedulerId)
        => UserAction(http, s, accountId, userId, "scheduler-removed", caller => Get<UserRelationsService>(http).DeleteSchedulerAsync(caller, userId, schedulerId, http.RequestAborted));

    public static Task<IResult> RevokeTokensAsync(HttpContext http, Session s, string accountId, string userId)
        => UserAction(http, s, accountId, userId, "revoked", caller => Get<UserTokensService>(http).RevokeTokensAsync(caller, userId, http.RequestAborted));

    /// <summary>A new picture, as <c>POST /users/{userId}/picture</c> takes it (JPG or PNG by content, 2 MB at most).</summary>
    public static Task<IResult> UploadPictureAsync(HttpContext http, Session s, string accountId, string userId, IFormCollection form)
        => UserAction(http, s, accountId, userId, "picture-uploaded", async caller =>
        {
            if (form.Files["pic_file"] is not { } file) throw Fail.PictureMissing();
            using var bytes = new MemoryStream();
            await file.CopyToAsync(bytes, http.RequestAborted);
            await Get<UserPicturesService>(http).UploadPictureAsync(caller, userId, file.FileName, bytes.ToArray(), http.RequestAborted);
        });

    public static Task<IResult> DeletePictureAsync(HttpContext http, Session s, string accountId, string userId)
        => UserAction(http, s, accountId, userId, "picture-deleted", caller => Get<UserPicturesService>(http).DeletePictureAsync(caller, userId, http.RequestAborted));

    public static async Task<IResult> NewUserAsync(HttpContext http, Session s, string accountId)
    {
        var (account, _) = await Get<ConsoleAccess>(http).ReachAsync(s.Who, accountId, http.RequestAborted);
        return Render<NewUserPage>(new { s.Nav, Account = account });
    }

    /// <summary>Adds a user as <c>POST /users</c> does; an invitation's link is shown once, on the answer page.</summary>
    public static async Task<IResult> CreateUserAsync(HttpContext http, Session s, string accountId, IFormCollection form)
    {
        var (account, caller) = await Get<ConsoleAccess>(http).ReachAsync(s.Who, accountId, http.RequestAborted);
        string? F(string name) => form[name].FirstOrDefault() is { Length: > 0 } v ? v : null;
        var values = new NewUserValues(F("action") ?? CreateActions.Create, F("email"), F("first_name"), F("last_name"), F("type") ?? "1");
        try
        {
            if (!int.TryParse(values.Type, NumberStyles.None, CultureInfo.InvariantCulture, out var type)) throw Fail.InvalidField("type");
            var created = await Get<UsersService>(http).CreateAsync(caller, new CreateUserRequest
            {
                Action = values.Action,
                UserInfo = new NewUserInfo { Email = values.Email, FirstName = values.FirstName, LastName = values.LastName, Type = type, Password = F("password") },
            }, http.RequestAborted);
            var link = created.InvitationToken is { } token ? RosterEndpoints.InvitationLink(UserWire.BaseUrl(http.Request), token) : null;
            return Render<NewUserPage>(new { s.Nav, Account = account, Created = created.User, InvitationLink = link }, 201);
        }
        catch (ZoomException e) when (e.Error.Status is 400 or 409 or 429)
        {
            return Render<NewUserPage>(new { s.Nav, Account = account, Values = values, Error = Explain(e.Error) }, e.Error.Status);
        }
    }

    // ---- imports ----

    public static async Task<IResult> NewImportAsync(HttpContext http, Session s, string accountId, string? error = null, int status = 200)
    {
        var (account, _) = await Get<ConsoleAccess>(http).ReachAsync(s.Who, accountId, http.RequestAborted);
        return Render<ImportPage>(new { s.Nav, Account = account, Error = error }, status);
    }

    /// <summary>Starts an import of the uploaded CSV as the session (the rows go through <c>POST /users</c>'s service); then its progress page.</summary>
    public static async Task<IResult> StartImportAsync(HttpContext http, Session s, string accountId, IFormCollection form)
    {
        var (_, caller) = await Get<ConsoleAccess>(http).ReachAsync(s.Who, accountId, http.RequestAborted);
        try
        {
            if (form.Files["file"] is not { Length: > 0 } file) throw Fail.Validation(new FieldError("file", "Choose a CSV file."));
            await using var csv = file.OpenReadStream();
            var job = Get<ConsoleImports>(http).Start(caller, csv, form["action"].FirstOrDefault() ?? CreateActions.CustCreate);
            return SeeOther(http, $"/console/accounts/{Uri.EscapeDataString(accountId)}/imports/{job.Id}");
        }
        catch (ZoomException e) when (e.Error.Status == 400)
        {
            return await NewImportAsync(http, s, accountId, Explain(e.Error), 400);
        }
    }

    public static async Task<IResult> ImportAsync(HttpContext http, Session s, string accountId, string importId)
    {
        var (account, _) = await Get<ConsoleAccess>(http).ReachAsync(s.Who, accountId, http.RequestAborted);
        var job = Get<ConsoleImports>(http).Find(account.Id, importId) ?? throw Fail.ConsolePageNotFound();
        return Render<ImportPage>(new { s.Nav, Account = account, Job = job });
    }

    // ---- activity ----

    /// <summary>The account's events from a cursor (oldest first, 50 a page) and its latest webhook deliveries.</summary>
    public static async Task<IResult> ActivityAsync(HttpContext http, Session s, string accountId)
    {
        var (account, caller) = await Get<ConsoleAccess>(http).ReachAsAccountAsync(s.Who, accountId, http.RequestAborted);
        var before = Query(http, "before");
        Domain.Events.EventPosition? from = null;
        if (before is not null) from = Domain.Events.EventPosition.TryParse(before, out var at) && at != Domain.Events.EventPosition.Start ? at : throw Fail.InvalidField("before");
        const int size = 50;
        var events = await Get<Domain.Events.EventsService>(http).ListNewestAsync(caller, from, size + 1, http.RequestAborted);
        var shown = events.Take(size).ToList();
        var (deliveries, _) = await Get<Domain.Webhooks.WebhookDeliveriesService>(http).ListAsync(caller, null, null, null, null, null, 30, null, http.RequestAborted);
        return Render<ActivityPage>(new
        {
            s.Nav, Account = account, Events = shown, Before = before ?? "", Next = events.Count > size ? shown[^1].Position.ToString() : null,
            Deliveries = deliveries, Notice = Notice(http),
        });
    }

    public static async Task<IResult> RedeliverAsync(HttpContext http, Session s, string accountId, string deliveryId)
    {
        var (_, caller) = await Get<ConsoleAccess>(http).ReachAsAccountAsync(s.Who, accountId, http.RequestAborted);
        await Get<Domain.Webhooks.WebhookDeliveriesService>(http).RedeliverAsync(caller, deliveryId, null, null, null, http.RequestAborted);
        return SeeOther(http, $"/console/accounts/{Uri.EscapeDataString(accountId)}/activity?done=redelivered");
    }

    // ---- apps ----

    public static async Task<IResult> AppsAsync(HttpContext http, Session s, string accountId, Domain.Auth.OAuthApp? shown = null, string? secret = null,
        bool rotated = false, NewAppValues? values = null, string? error = null, int status = 200)
    {
        var (account, caller) = await Get<ConsoleAccess>(http).ReachAsAccountAsync(s.Who, accountId, http.RequestAborted);
        var apps = await Get<AppsService>(http).ListAppsAsync(caller, http.RequestAborted);
        return Render<AppsPage>(new { s.Nav, Account = account, Apps = apps, Shown = shown, Secret = secret, Rotated = rotated, Values = values, Error = error }, status);
    }

    static readonly char[] Spaces = [' ', '\t', '\r', '\n', ','];

    /// <summary>Creates an app as <c>POST /roster/v1/apps</c> does; its secret is shown once, on the answer page.</summary>
    public static async Task<IResult> CreateAppAsync(HttpContext http, Session s, string accountId, IFormCollection form)
    {
        var (_, caller) = await Get<ConsoleAccess>(http).ReachAsAccountAsync(s.Who, accountId, http.RequestAborted);
        var values = new NewAppValues(form["name"].FirstOrDefault(), form["type"].FirstOrDefault() == "user" ? "user" : "s2s",
            form["scopes"].FirstOrDefault(), form["redirect_uris"].FirstOrDefault());
        try
        {
            var scopes = (values.Scopes ?? "").Split(Spaces, StringSplitOptions.RemoveEmptyEntries);
            var (app, secret) = await Get<AppsService>(http).CreateAppAsync(caller, null, scopes,
                values.Type == "user" ? Domain.Auth.OAuthAppTypes.User : Domain.Auth.OAuthAppTypes.ServerToServer,
                (values.RedirectUris ?? "").Split(Spaces, StringSplitOptions.RemoveEmptyEntries), string.IsNullOrWhiteSpace(values.Name) ? null : values.Name,
                ct: http.RequestAborted);
            return await AppsAsync(http, s, accountId, app, secret, status: 201);
        }
        catch (ZoomException e) when (e.Error.Status == 400)
        {
            return await AppsAsync(http, s, accountId, values: values, error: Explain(e.Error), status: 400);
        }
    }

    public static async Task<IResult> RotateAsync(HttpContext http, Session s, string accountId, string clientId)
    {
        var (_, caller) = await Get<ConsoleAccess>(http).ReachAsAccountAsync(s.Who, accountId, http.RequestAborted);
        var (app, secret) = await Get<AppsService>(http).RotateAppSecretAsync(caller, clientId, http.RequestAborted);
        return await AppsAsync(http, s, accountId, app, secret, rotated: true);
    }
}
