using System.Globalization;
using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;

namespace Roster.Domain.Webhooks;

/// <summary>
/// Zoom's Marketplace event-subscription API for an app's own token (reference zoom-webhooks.md §1): subscriptions are
/// the app's, at most 20, of known events the app may read, to a URL that first answers Zoom's challenge. The slow part
/// (the challenge over the network) runs after the cheap checks and outside the write transaction; the write checks
/// again what may have changed meanwhile.
/// </summary>
public sealed class WebhookSubscriptionsService(IRosterStore store, TimeProvider clock, SecretBox secrets, AppsService apps, UrlValidation validation)
{
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 300;

    /// <summary>The calling app, which must be a Server-to-Server app of the caller's account.</summary>
    static async Task<OAuthApp> AppOf(IStoreSession s, Caller caller)
    {
        var app = await s.GetAppAsync(caller.ClientId);
        if (app is null || app.AccountId != caller.AccountId || app.Type != OAuthAppTypes.ServerToServer)
            throw Fail.NoPrivilege("Event subscriptions are managed with the app's own token (Server-to-Server, account_credentials).");
        return app;
    }

    /// <summary>At least one event, each one Zoom sends.</summary>
    static IReadOnlyList<string> CheckEventNames(IReadOnlyList<string>? events)
    {
        if (events is null || events.Count == 0) throw Fail.Validation(new FieldError("events", "At least one event is required."));
        var list = events.Select(e => e?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        var unknown = list.Where(e => !WebhookRules.UserEvents.Contains(e)).ToList();
        if (unknown.Count > 0) throw Fail.UnknownEvents(unknown);
        return list;
    }

    /// <summary>Known events the app may hear (Zoom: the event's read scope must be on the app).</summary>
    static IReadOnlyList<string> CheckEvents(IReadOnlyList<string>? events, OAuthApp app)
    {
        var list = CheckEventNames(events);
        if (!WebhookRules.UserEventScopes.Any(app.Scopes.Contains)) throw Fail.EventNotAllowed();
        return list;
    }

    static string? CheckName(string? name)
    {
        name = name?.Trim();
        if (name is not null && (name.Length > WebhookRules.MaxNameLength || name.Any(char.IsControl))) throw Fail.InvalidField("event_subscription_name");
        return name;
    }

    static string CheckUrl(string? url)
    {
        url = url?.Trim();
        if (string.IsNullOrEmpty(url)) throw Fail.Validation(new FieldError("event_webhook_url", "The endpoint URL is required."));
        if (!WebhookRules.IsDeliverableUrl(url)) throw Fail.InvalidField("event_webhook_url");
        return url;
    }

    /// <summary>User ids as Zoom's example sends them: an array whose items may themselves be comma-separated.</summary>
    public static IReadOnlyList<string> SplitUserIds(IEnumerable<string?>? ids)
        => ids is null ? [] : ids.SelectMany(i => (i ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();

    static async Task<IReadOnlyList<string>> UsersOf(IStoreSession s, string accountId, IReadOnlyList<string> ids)
    {
        if (ids.Count > WebhookRules.MaxUsersPerSubscription) throw Fail.InvalidField("user_ids");
        var found = new List<string>();
        foreach (var id in ids)
        {
            var user = id.Contains('@') ? await s.GetUserByEmailAsync(id.ToLowerInvariant()) : await s.GetUserAsync(id);
            if (user is null || user.AccountId != accountId) throw Fail.UserNotFound(id);
            found.Add(user.Id);
        }
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    static void CheckAccount(Caller caller, string? accountId)
    {
        if (!string.IsNullOrEmpty(accountId) && accountId != caller.AccountId && accountId != "me") throw Fail.AppNotAuthorized();
    }

    /// <summary>The app's secret token in clear, made on first need for apps older than webhooks.</summary>
    async Task<string> SecretOf(OAuthApp app) => (await apps.EnsureWebhookSecretAsync(app.ClientId)).Token;

    /// <summary>A new secret token: 22 URL-safe characters, like Zoom's.</summary>
    public static string NewSecretToken() => Ids.Random(16);

    /// <summary>A secret token a caller chose (a seed file's, an app made for a test): 8–128 printable ASCII characters.</summary>
    public static bool IsSecretToken(string? token) => token is { Length: >= 8 and <= 128 } && token.All(c => c is > ' ' and < (char)127);

    async Task Validate(string url, string secret, CancellationToken ct)
    {
        if (await validation.ChallengeAsync(url, secret, ct) is { } why) throw Fail.UrlValidationFailed(url, why);
    }

    public async Task<WebhookSubscription> CreateAsync(Caller caller, CreateSubscriptionRequest body, CancellationToken ct = default)
    {
        Operations.CreateEventSubscription.AuthorizeAdmin(caller);
        var scope = body.Scope?.Trim();
        if (string.IsNullOrEmpty(scope)) throw Fail.Validation(new FieldError("subscription_scope", "subscription_scope is required."));
        if (!SubscriptionScopes.All.Contains(scope)) throw Fail.InvalidField("subscription_scope");
        var url = CheckUrl(body.Url);
        var name = CheckName(body.Name);
        CheckAccount(caller, body.AccountId);
        var userIds = SplitUserIds(body.UserIds);
        if (scope == SubscriptionScopes.User && userIds.Count == 0) throw Fail.Validation(new FieldError("user_ids", "A subscription of scope user needs user_ids."));
        CheckEventNames(body.Events);
        // the cheap checks first, then the challenge (network), then the write, which checks again
        var (app, _, _) = await store.ReadAsync(s => Prepare(s, caller, body.Events, scope, userIds), ct);
        await Validate(url, await SecretOf(app), ct);
        return await store.Write(async s =>
        {
            var (app, events, users) = await Prepare(s, caller, body.Events, scope, userIds);
            return await InsertAsync(s, app, name, events, url, scope, users);
        }, ct);
    }

    /// <summary>A new subscription of <paramref name="app"/>, validated now.</summary>
    Task<WebhookSubscription> InsertAsync(IStoreSession s, OAuthApp app, string? name, IReadOnlyList<string> events, string url, string scope,
        IReadOnlyList<string> users)
        => InsertAsync(s, app, name, events, url, scope, users, clock.GetUtcNow(), validatedAt: clock.GetUtcNow());

    /// <summary>Writes a new subscription (the checks were made); <paramref name="validatedAt"/> is when its URL last answered.</summary>
    static async Task<WebhookSubscription> InsertAsync(IStoreSession s, OAuthApp app, string? name, IReadOnlyList<string> events, string url, string scope,
        IReadOnlyList<string> users, DateTimeOffset now, DateTimeOffset validatedAt)
    {
        var created = new WebhookSubscription
        {
            Id = Ids.Random(16), ClientId = app.ClientId, AccountId = app.AccountId, Name = name ?? "", Events = events, Url = url,
            Scope = scope, UserIds = users, CreatedAt = now, ValidatedAt = validatedAt,
        };
        await s.InsertSubscriptionAsync(created);
        return created;
    }

    /// <summary>
    /// A subscription for an app being created (<c>POST /roster/v1/apps</c> with <c>event_subscription</c>): the checks
    /// that need no store and the URL challenge under the new app's <paramref name="secretToken"/> run now; the returned
    /// step inserts the subscription inside the app's own transaction, checking what needs the app.
    /// </summary>
    public async Task<Func<IStoreSession, OAuthApp, Task<WebhookSubscription>>> PrepareForNewAppAsync(Caller caller, CreateSubscriptionRequest body, string secretToken,
        CancellationToken ct = default)
    {
        Operations.CreateEventSubscription.AuthorizeAdmin(caller);
        var scope = body.Scope?.Trim() is { Length: > 0 } given ? given : SubscriptionScopes.Account;
        if (!SubscriptionScopes.All.Contains(scope)) throw Fail.InvalidField("event_subscription.subscription_scope");
        var url = CheckUrl(body.Url);
        var name = CheckName(body.Name);
        var userIds = SplitUserIds(body.UserIds);
        if (scope == SubscriptionScopes.User && userIds.Count == 0) throw Fail.Validation(new FieldError("user_ids", "A subscription of scope user needs user_ids."));
        CheckEventNames(body.Events);
        await Validate(url, secretToken, ct);
        return async (s, app) =>
        {
            if (app.Type != OAuthAppTypes.ServerToServer) throw Fail.Invalid("Only a Server-to-Server app can have event subscriptions.");
            var (events, users) = await CheckForAppAsync(s, app, body.Events, scope, userIds);
            return await InsertAsync(s, app, name, events, url, scope, users);
        };
    }

    /// <summary>
    /// A subscription from a seed file, inside its transaction, through the same rules as the API but without the
    /// challenge (a seed is loaded before its receivers run): it is due for its URL check at once, in the background.
    /// </summary>
    public static async Task<WebhookSubscription> InsertSeededAsync(IStoreSession s, OAuthApp app, IReadOnlyList<string> events, string url, string? name,
        string scope, IReadOnlyList<string> userEmails, DateTimeOffset now)
    {
        if (app.Type != OAuthAppTypes.ServerToServer) throw Fail.Invalid("Only a Server-to-Server app can have event subscriptions.");
        await s.LockAsync(WebhookRules.SubscriptionsLock(app.ClientId));
        if ((await s.ListSubscriptionsOfAppAsync(app.ClientId)).Count >= WebhookRules.MaxSubscriptionsPerApp) throw Fail.TooManySubscriptions();
        var (checkedEvents, users) = await CheckForAppAsync(s, app, events, scope, userEmails);
        return await InsertAsync(s, app, CheckName(name), checkedEvents, CheckUrl(url), scope, users, now, validatedAt: now - WebhookRules.Revalidation);
    }

    /// <summary>The checks of a new subscription that read the store: the app, its events, the master scope, the limit, the users.</summary>
    static async Task<(OAuthApp App, IReadOnlyList<string> Events, IReadOnlyList<string> Users)> Prepare(
        IStoreSession s, Caller caller, IReadOnlyList<string>? events, string scope, IReadOnlyList<string> userIds)
    {
        var app = await AppOf(s, caller);
        var (checkedEvents, users) = await CheckForAppAsync(s, app, events, scope, userIds);
        await s.LockAsync(WebhookRules.SubscriptionsLock(app.ClientId));
        if ((await s.ListSubscriptionsOfAppAsync(app.ClientId)).Count >= WebhookRules.MaxSubscriptionsPerApp) throw Fail.TooManySubscriptions();
        return (app, checkedEvents, users);
    }

    /// <summary>What a subscription's content must be for this app: events it may hear, a master account for that scope, users of its account.</summary>
    static async Task<(IReadOnlyList<string> Events, IReadOnlyList<string> Users)> CheckForAppAsync(IStoreSession s, OAuthApp app, IReadOnlyList<string>? events,
        string scope, IReadOnlyList<string> userIds)
    {
        var checkedEvents = CheckEvents(events, app);
        if (scope == SubscriptionScopes.MasterAccount && (await s.GetAccountAsync(app.AccountId))?.MasterAccount != true)
            throw Fail.NoPrivilege("Only a master account can subscribe with scope master_account.");
        return (checkedEvents, scope == SubscriptionScopes.User ? await UsersOf(s, app.AccountId, userIds) : []);
    }

    /// <summary>The app's subscriptions: all of them, or (<c>subscription_scope</c>) of one scope; <c>user</c> scope those that hear <paramref name="userId"/>.</summary>
    public Task<(IReadOnlyList<WebhookSubscription> Page, string NextPageToken, int PageSize)> ListAsync(Caller caller, string? userId, string? accountId, string? scope,
        int? pageSize, string? nextPageToken, CancellationToken ct = default)
    {
        Operations.ListEventSubscriptions.AuthorizeAdmin(caller);
        if (string.IsNullOrEmpty(userId)) throw Fail.Validation(new FieldError("user_id", "user_id is required."));
        if (string.IsNullOrEmpty(accountId)) throw Fail.Validation(new FieldError("account_id", "account_id is required."));
        CheckAccount(caller, accountId);
        if (scope is not null && !SubscriptionScopes.All.Contains(scope)) throw Fail.InvalidField("subscription_scope");
        var size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize) throw Fail.InvalidField("page_size");
        var skip = 0;
        if (!string.IsNullOrEmpty(nextPageToken) && !int.TryParse(nextPageToken, NumberStyles.None, CultureInfo.InvariantCulture, out skip))
            throw Fail.InvalidField("next_page_token");
        return store.ReadAsync(async s =>
        {
            var app = await AppOf(s, caller);
            var user = userId == "me" ? await s.GetUserAsync(caller.UserId)
                : userId.Contains('@') ? await s.GetUserByEmailAsync(userId.ToLowerInvariant()) : await s.GetUserAsync(userId);
            if (user is null || user.AccountId != caller.AccountId) throw Fail.UserNotFound(userId);
            var all = (await s.ListSubscriptionsOfAppAsync(app.ClientId))
                .Where(x => scope is null || x.Scope == scope)
                .Where(x => scope != SubscriptionScopes.User || x.UserIds.Contains(user.Id)).ToList();
            var page = all.Skip(skip).Take(size).ToList();
            var next = skip + page.Count < all.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : "";
            return ((IReadOnlyList<WebhookSubscription>)page, next, size);
        }, ct);
    }

    static async Task<WebhookSubscription> OwnAsync(IStoreSession s, Caller caller, string? id, bool hold = false) => (await OwnWithAppAsync(s, caller, id, hold)).Subscription;

    /// <summary>
    /// The calling app's subscription <paramref name="id"/>, and the app; another app's answers as one that does not exist.
    /// With <paramref name="hold"/> (a write) the app's subscriptions are held against other writes until the session ends.
    /// </summary>
    static async Task<(WebhookSubscription Subscription, OAuthApp App)> OwnWithAppAsync(IStoreSession s, Caller caller, string? id, bool hold = false)
    {
        if (string.IsNullOrEmpty(id)) throw Fail.Validation(new FieldError("event_subscription_id", "event_subscription_id is required."));
        var app = await AppOf(s, caller);
        if (hold) await s.LockAsync(WebhookRules.SubscriptionsLock(app.ClientId));
        var sub = await s.GetSubscriptionAsync(id);
        if (sub is null || sub.ClientId != app.ClientId) throw Fail.SubscriptionNotFound(id);
        return (sub, app);
    }

    /// <summary>Changes name, events or URL; a new URL answers the challenge first and is validated from now.</summary>
    public async Task<WebhookSubscription> UpdateAsync(Caller caller, UpdateSubscriptionRequest body, CancellationToken ct = default)
    {
        Operations.UpdateEventSubscription.AuthorizeAdmin(caller);
        var name = CheckName(body.Name);
        var url = body.Url is null ? null : CheckUrl(body.Url);
        var (current, app) = await store.ReadAsync(s => OwnWithAppAsync(s, caller, body.Id), ct);
        if (body.Events is not null) CheckEvents(body.Events, app);
        var revalidate = url is not null && (url != current.Url || current.Disabled);
        if (revalidate) await Validate(url!, await SecretOf(app), ct);
        return await store.Write(async s =>
        {
            var (sub, owner) = await OwnWithAppAsync(s, caller, body.Id, hold: true);
            var events = body.Events is null ? sub.Events : CheckEvents(body.Events, owner);
            var now = clock.GetUtcNow();
            var updated = sub with
            {
                Name = name ?? sub.Name, Events = events, Url = url ?? sub.Url,
                ValidatedAt = revalidate ? now : sub.ValidatedAt, ValidationFailures = revalidate ? 0 : sub.ValidationFailures, Disabled = !revalidate && sub.Disabled,
            };
            await s.UpdateSubscriptionAsync(updated);
            return updated;
        }, ct);
    }

    /// <summary>Adds users to a subscription (scope user), as <c>PATCH …/event_subscription/{id}</c> does.</summary>
    public Task SubscribeAsync(Caller caller, string id, IReadOnlyList<string>? userIds, string? accountId, CancellationToken ct = default)
    {
        Operations.SubscribeEventSubscription.AuthorizeAdmin(caller);
        if (string.IsNullOrEmpty(accountId)) throw Fail.Validation(new FieldError("account_id", "account_id is required."));
        CheckAccount(caller, accountId);
        var ids = SplitUserIds(userIds);
        return store.Write(async s =>
        {
            var sub = await OwnAsync(s, caller, id, hold: true);
            if (ids.Count == 0) return 0; // the account itself: a subscription is always its app's account's
            if (sub.Scope != SubscriptionScopes.User) throw Fail.Invalid("Users can be subscribed only to a subscription of scope user.");
            var users = await UsersOf(s, caller.AccountId, ids);
            var merged = sub.UserIds.Concat(users).Distinct(StringComparer.Ordinal).ToList();
            if (merged.Count > WebhookRules.MaxUsersPerSubscription) throw Fail.InvalidField("user_ids");
            await s.UpdateSubscriptionAsync(sub with { UserIds = merged });
            return 0;
        }, ct);
    }

    /// <summary>
    /// Removes users from a subscription (<c>user_ids</c>), or unsubscribes the account (no <c>user_ids</c>): a
    /// subscription hears only its app's account, so unsubscribing the account removes the subscription.
    /// </summary>
    public Task UnsubscribeAsync(Caller caller, string? id, string? accountId, string? userIds, CancellationToken ct = default)
    {
        Operations.UnsubscribeEventSubscription.AuthorizeAdmin(caller);
        if (string.IsNullOrEmpty(accountId)) throw Fail.Validation(new FieldError("account_id", "account_id is required."));
        CheckAccount(caller, accountId);
        var ids = SplitUserIds(userIds is null ? null : [userIds]);
        return store.Write(async s =>
        {
            var sub = await OwnAsync(s, caller, id, hold: true);
            if (ids.Count == 0)
            {
                await s.DeleteSubscriptionAsync(sub.Id);
                return 0;
            }
            var remove = new HashSet<string>(StringComparer.Ordinal);
            foreach (var u in ids)
            {
                var user = u.Contains('@') ? await s.GetUserByEmailAsync(u.ToLowerInvariant()) : await s.GetUserAsync(u);
                remove.Add(user?.Id ?? u);
            }
            await s.UpdateSubscriptionAsync(sub with { UserIds = sub.UserIds.Where(x => !remove.Contains(x)).ToList() });
            return 0;
        }, ct);
    }

    public Task DeleteAsync(Caller caller, string id, CancellationToken ct = default)
    {
        Operations.DeleteEventSubscription.AuthorizeAdmin(caller);
        return store.Write(async s =>
        {
            var sub = await OwnAsync(s, caller, id, hold: true);
            await s.DeleteSubscriptionAsync(sub.Id);
            return 0;
        }, ct);
    }

    /// <summary>A new secret token for the calling app, shown once (what Zoom's "Regenerate" button does). Subscriptions sign with it at once.</summary>
    public Task<string> RotateSecretAsync(Caller caller, CancellationToken ct = default)
    {
        Operations.UpdateEventSubscription.AuthorizeAdmin(caller);
        return store.Write(async s =>
        {
            var app = await AppOf(s, caller);
            var token = NewSecretToken();
            await s.SetAppWebhookSecretAsync(app.ClientId, secrets.Seal(token));
            return token;
        }, ct);
    }
}
