using Roster.Domain.Abstractions;
using Roster.Domain.AccountRoles;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Accounts;

/// <summary>The OAuth apps that act on accounts: creating them, their secrets and webhook secret tokens, checking credentials.</summary>
public sealed class AppsService(IRosterStore store, TimeProvider clock, SecretBox? secrets = null)
{
    readonly SecretBox _secrets = secrets ?? new SecretBox(null);

    DateTimeOffset Now => clock.GetUtcNow();

    static string NewId(int bytes = 16) => Ids.Random(bytes);

    public static string HashSecret(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A Server-to-Server app holding every admin scope, for a new account's owner (the primary's, a test account's).</summary>
    internal async Task<OAuthApp> InsertApp(IStoreSession s, Account account, User owner, string clientId, string secret, string? webhookSecretToken = null)
    {
        var app = new OAuthApp
        {
            ClientId = clientId,
            SecretHash = HashSecret(secret),
            AccountId = account.Id,
            OwnerUserId = owner.Id,
            Scopes = Operations.AllAdminScopes,
            CreatedAt = Now,
            WebhookSecret = _secrets.Seal(webhookSecretToken ?? Webhooks.WebhookSubscriptionsService.NewSecretToken()),
        };
        await s.InsertAppAsync(app);
        return app;
    }

    /// <summary>
    /// A new secret for the store's primary Server-to-Server app (the one the first start printed): the old secret
    /// stops working at once; the new one is returned once and kept only as a hash.
    /// </summary>
    public Task<(Account Account, OAuthApp App, string Secret, string OwnerEmail)> RotatePrimarySecretAsync(CancellationToken ct = default)
        => store.Write(async s =>
        {
            var account = await s.GetAccountAsync(await s.GetMetaAsync(BootstrapService.PrimaryMeta) ?? "") ?? throw new InvalidOperationException("The store has no primary account yet.");
            var app = await s.GetAppAsync(await s.GetMetaAsync(BootstrapService.PrimaryClientMeta) ?? "") ?? throw new InvalidOperationException("The store has no primary app.");
            var owner = await s.GetUserAsync(account.OwnerId);
            var secret = NewId(24);
            await s.UpdateAppSecretAsync(app.ClientId, HashSecret(secret));
            await s.RecordAsync(clock, Operator.System, DomainEvent.Of(app.AccountId, app.ClientId,
                new AppSecretRotated(new EventApp { ClientId = app.ClientId })));
            return (account, app, secret, owner?.Email ?? "");
        }, ct);

    /// <summary>
    /// A new secret for one of the caller's account's apps, under the rule of creating apps (an owner or admin): the old
    /// secret stops working at once; the new one is returned once and kept only as a hash. Another account's app is not found.
    /// </summary>
    public Task<(OAuthApp App, string Secret)> RotateAppSecretAsync(Caller caller, string clientId, CancellationToken ct = default)
    {
        Operations.RosterCreateApp.AuthorizeAdmin(caller);
        return store.Write(async s =>
        {
            var me = await s.GetUserAsync(caller.UserId);
            if (me is null || !(me.IsOwner || me.IsAdmin)) throw Fail.NoPrivilege("Only the account owner or an admin can rotate an app's secret.");
            if (!await RoleAccess.AllowsAsync(s, me, Privileges.MarketPlaceEdit)) throw Fail.LacksPrivilege(Privileges.MarketPlaceEdit, "rotate an app's secret");
            var app = await s.GetAppAsync(clientId);
            if (app is null || app.AccountId != caller.AccountId) throw Fail.AppNotFound(clientId);
            var secret = NewId(24);
            await s.UpdateAppSecretAsync(app.ClientId, HashSecret(secret));
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(app.AccountId, app.ClientId,
                new AppSecretRotated(new EventApp { ClientId = app.ClientId })));
            return (app, secret);
        }, ct);
    }

    /// <summary>The apps of the caller's account, oldest first, under the rule of creating them (an owner or admin).</summary>
    public Task<IReadOnlyList<OAuthApp>> ListAppsAsync(Caller caller, CancellationToken ct = default)
    {
        Operations.RosterCreateApp.AuthorizeAdmin(caller);
        return store.ReadAsync(async s =>
        {
            var me = await s.GetUserAsync(caller.UserId);
            if (me is null || !(me.IsOwner || me.IsAdmin)) throw Fail.NoPrivilege("Only the account owner or an admin can see apps.");
            if (!await RoleAccess.AllowsAsync(s, me, Privileges.MarketPlaceRead)) throw Fail.LacksPrivilege(Privileges.MarketPlaceRead, "see apps");
            return await s.ListAppsAsync(caller.AccountId);
        }, ct);
    }

    /// <summary>Checks Server-to-Server credentials; null when the client id or secret is wrong.</summary>
    public Task<OAuthApp?> AuthenticateAppAsync(string clientId, string secret, CancellationToken ct = default)
        => store.ReadAsync(async s =>
        {
            var app = await s.GetAppAsync(clientId);
            if (app is null || !app.Active) return null;
            var ok = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(app.SecretHash), Encoding.ASCII.GetBytes(HashSecret(secret)));
            return ok ? app : null;
        }, ct);

    /// <summary>Every scope Roster knows: the classic and granular scopes of the operations it serves.</summary>
    public static readonly IReadOnlySet<string> KnownScopes = Operations.UsersApi
        .Concat(Operations.AccountsApi).Concat(Operations.RolesApi).Concat(Operations.RosterApi).Concat(Groups.GroupOperations.All).Concat(Groups.GroupSettingsOperations.All).Concat(Operations.ScimApi)
        .SelectMany(o => o.AdminScopes.Concat(o.UserScopes)).Concat(Operations.AllAdminScopes).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Creates a Server-to-Server app for the caller's account, or for one of its sub accounts when the caller is a
    /// master account. The app acts as that account's owner; the secret is returned once and kept only as a hash.
    /// </summary>
    public Task<(OAuthApp App, string Secret)> CreateAppAsync(Caller caller, string? accountId, IReadOnlyList<string>? scopes, CancellationToken ct = default)
        => CreateAppAsync(caller, accountId, scopes, OAuthAppTypes.ServerToServer, [], null, null, ct);

    /// <summary>The app's webhook secret token in clear, made now for an app older than webhooks (<c>Made</c> true: show it once).</summary>
    public Task<(string Token, bool Made)> EnsureWebhookSecretAsync(string clientId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var app = await s.GetAppAsync(clientId) ?? throw Fail.InvalidAccessToken();
            if (app.WebhookSecret.Length > 0) return (_secrets.Open(app.WebhookSecret), false);
            var token = Webhooks.WebhookSubscriptionsService.NewSecretToken();
            await s.SetAppWebhookSecretAsync(clientId, _secrets.Seal(token));
            return (token, true);
        }, ct);

    /// <summary>The app's webhook secret token in clear (for the one answer that shows it, and for signing).</summary>
    public string WebhookSecretOf(OAuthApp app) => app.WebhookSecret.Length == 0 ? "" : _secrets.Open(app.WebhookSecret);

    public const int MaxAppNameLength = 64;

    /// <summary>Like the Server-to-Server form, or a user-level app: user scopes only, and the redirect URIs its codes may go to.</summary>
    /// <param name="credentials">Chosen credentials (a seed file's); by default both are made here.</param>
    /// <param name="webhookSecretToken">The app's webhook secret token, chosen (8–128 printable characters); by default a new one.</param>
    public Task<(OAuthApp App, string Secret)> CreateAppAsync(Caller caller, string? accountId, IReadOnlyList<string>? scopes, string type,
        IReadOnlyList<string> redirectUris, string? name = null, AppCredentials? credentials = null, CancellationToken ct = default, string? webhookSecretToken = null,
        Func<IStoreSession, OAuthApp, Task>? alsoInTransaction = null)
    {
        Operations.RosterCreateApp.AuthorizeAdmin(caller);
        if (webhookSecretToken is not null && !Webhooks.WebhookSubscriptionsService.IsSecretToken(webhookSecretToken)) throw Fail.InvalidField("webhook_secret_token");
        if (credentials is not null && !AppCredentials.IsClientId(credentials.ClientId)) throw Fail.InvalidField("client_id");
        if (credentials is not null && !credentials.IsValid) throw Fail.InvalidField("client_secret");
        if (type is not (OAuthAppTypes.ServerToServer or OAuthAppTypes.User)) throw Fail.InvalidField("type");
        // the name users see on the consent page
        name = name?.Trim();
        if (name is not null && (name.Length is 0 or > MaxAppNameLength || name.Any(char.IsControl))) throw Fail.InvalidField("name");
        name ??= type == OAuthAppTypes.User ? "Roster user app" : "Roster Server-to-Server";
        // Without a list: for a user-level app, the user's own read and write; for Server-to-Server, what the caller holds.
        var wanted = scopes is { Count: > 0 } ? scopes.Distinct().ToArray()
            : type == OAuthAppTypes.User ? ["user:read", "user:write"] : caller.Scopes.Where(KnownScopes.Contains).Order(StringComparer.Ordinal).ToArray();
        if (wanted.Any(sc => !KnownScopes.Contains(sc))) throw Fail.InvalidField("scopes");
        ScopeCoverage.RequireWithin(wanted, caller);
        if (type == OAuthAppTypes.User)
        {
            // scim2:admin is the one admin scope Zoom lets a user-level app hold: SCIM connectors (Entra, Okta) sign in as an admin
            if (wanted.Any(sc => (sc != "scim2:admin" && sc.EndsWith(":admin", StringComparison.Ordinal)) || sc.EndsWith(":master", StringComparison.Ordinal) || sc.StartsWith("account:", StringComparison.Ordinal)))
                throw Fail.Validation(new FieldError("scopes", "A user-level app can only hold user-level scopes."));
            if (redirectUris.Count == 0 || redirectUris.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
                throw Fail.InvalidField("redirect_uris");
        }
        return store.Write(async s =>
        {
            var me = await s.GetUserAsync(caller.UserId);
            if (me is null || !(me.IsOwner || me.IsAdmin)) throw Fail.NoPrivilege("Only the account owner or an admin can create apps.");
            if (!await RoleAccess.AllowsAsync(s, me, Privileges.MarketPlaceEdit)) throw Fail.LacksPrivilege(Privileges.MarketPlaceEdit, "create apps");
            Account? account;
            if (string.IsNullOrEmpty(accountId) || accountId == "me" || accountId == caller.AccountId)
                account = await s.GetAccountAsync(caller.AccountId);
            else
            {
                Operations.CreateAccount.Authorize(caller, targetIsSelf: false);
                account = await s.GetAccountAsync(accountId);
                if (account is null || account.ParentId != caller.AccountId) throw Fail.AccountNotFound(accountId);
            }
            if (account is null) throw Fail.AccountNotFound(accountId ?? caller.AccountId);
            var owner = await s.GetUserAsync(account.OwnerId) ?? throw Fail.AccountNotFound(account.Id);
            var secret = credentials is null ? NewId(24) : credentials.Secret ?? "";
            if (credentials is not null && await s.GetAppAsync(credentials.ClientId) is not null)
                throw Fail.Invalid($"The client id {credentials.ClientId} is taken.");
            var app = new OAuthApp
            {
                ClientId = credentials?.ClientId ?? NewId(12), SecretHash = credentials?.Hash ?? HashSecret(secret), AccountId = account.Id, OwnerUserId = owner.Id,
                Scopes = wanted, CreatedAt = Now, Type = type, RedirectUris = redirectUris, Name = name,
                WebhookSecret = _secrets.Seal(webhookSecretToken ?? Webhooks.WebhookSubscriptionsService.NewSecretToken()),
            };
            await s.InsertAppAsync(app);
            if (alsoInTransaction is not null) await alsoInTransaction(s, app);
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(app.AccountId, app.ClientId, new AppCreated(EventApp.Created(app))));
            return (app, secret);
        }, ct);
    }
}
