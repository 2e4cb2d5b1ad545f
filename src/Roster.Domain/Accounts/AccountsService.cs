namespace Roster.Domain.Accounts;

/// <summary>A sub account's options as a create or PATCH /accounts/{accountId}/options gives them (null: unchanged).</summary>
public sealed class SubAccountOptions
{
    [JsonPropertyName("share_rc")] public bool? ShareRc { get; set; }
    [JsonPropertyName("room_connector_list")] public List<string>? RoomConnectorList { get; set; }
    [JsonPropertyName("share_mc")] public bool? ShareMc { get; set; }
    [JsonPropertyName("meeting_connector_list")] public List<string>? MeetingConnectorList { get; set; }
    [JsonPropertyName("pay_mode")] public string? PayMode { get; set; }
    [JsonPropertyName("billing_auto_renew")] public bool? BillingAutoRenew { get; set; }

    /// <summary>
    /// <paramref name="current"/> with these changes, or Zoom's 400/300 naming what is wrong: <c>pay_mode</c> is
    /// <c>master</c> or <c>sub</c>; connector lists are IP addresses, and only while that connector kind is shared.
    /// </summary>
    public AccountOptions ApplyTo(AccountOptions current)
    {
        var errors = new List<FieldError>();
        if (PayMode is not null && PayMode is not ("master" or "sub")) errors.Add(new("pay_mode", "Invalid field."));
        // IPAddress alone also takes legacy shorthands such as "10.0.0" or "1": an IPv4 address has its four parts
        static bool Ip(string s) => System.Net.IPAddress.TryParse(s, out var a)
            && (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? s.Contains(':') : s.Count(c => c == '.') == 3);
        static bool Ips(List<string>? list) => list is null || (list.Count <= 100 && list.All(Ip));
        if (!Ips(RoomConnectorList)) errors.Add(new("room_connector_list", "Invalid field."));
        if (!Ips(MeetingConnectorList)) errors.Add(new("meeting_connector_list", "Invalid field."));
        var shareRc = ShareRc ?? current.ShareRc;
        var shareMc = ShareMc ?? current.ShareMc;
        if (RoomConnectorList is { Count: > 0 } && !shareRc) errors.Add(new("room_connector_list", "Room connectors can only be listed while share_rc is true."));
        if (MeetingConnectorList is { Count: > 0 } && !shareMc) errors.Add(new("meeting_connector_list", "Meeting connectors can only be listed while share_mc is true."));
        if (errors.Count > 0) throw Fail.Validation([.. errors]);
        return new AccountOptions(
            shareRc, !shareRc ? "" : RoomConnectorList is { } rc ? string.Join(',', rc) : current.RoomConnectors,
            shareMc, !shareMc ? "" : MeetingConnectorList is { } mc ? string.Join(',', mc) : current.MeetingConnectors,
            PayMode ?? current.PayMode, BillingAutoRenew ?? current.BillingAutoRenew);
    }
}

/// <summary>Body of POST /accounts (Zoom's create sub account), with Roster's optional plan fields.</summary>
public sealed class CreateAccountRequest
{
    [JsonPropertyName("first_name")] public string? FirstName { get; set; }
    [JsonPropertyName("last_name")] public string? LastName { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }
    [JsonPropertyName("password")] public string? Password { get; set; }
    [JsonPropertyName("account_name")] public string? AccountName { get; set; }
    [JsonPropertyName("options")] public SubAccountOptions? Options { get; set; }
    // Roster extensions: Zoom sets these through its sales process.
    [JsonPropertyName("plan")] public string? Plan { get; set; }
    [JsonPropertyName("seats")] public int? Seats { get; set; }
    [JsonPropertyName("managed_domains")] public List<string>? ManagedDomains { get; set; }
    [JsonPropertyName("sso_pre_provisioning")] public bool? SsoPreProvisioning { get; set; }
}

public sealed record BootstrapRequest(string? AccountId, string? ClientId, string? ClientSecret, string OwnerEmail = "owner@example.com",
    string? OwnerPassword = null, string? WebhookSecretToken = null);

/// <summary>
/// An app's chosen credentials: a client id of 6–64 letters, digits, <c>-</c> and <c>_</c>; a secret of 16–128 printable
/// characters, or the SHA-256 (hex) of one, as an exported seed carries it.
/// </summary>
public sealed record AppCredentials(string ClientId, string? Secret, string? SecretSha256 = null)
{
    public static bool IsClientId(string? id) => id is { Length: >= 6 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    public static bool IsSecret(string? secret) => secret is { Length: >= 16 and <= 128 } && secret.All(c => c is > ' ' and < (char)127);
    public static bool IsSecretSha256(string? hash) => hash is { Length: 64 } && hash.All(char.IsAsciiHexDigit);
    public bool IsValid => IsClientId(ClientId) && (Secret is null ? IsSecretSha256(SecretSha256) : IsSecret(Secret) && SecretSha256 is null);
    public string Hash => Secret is { } secret ? AccountsService.HashSecret(secret) : SecretSha256!.ToUpperInvariant();
}

public sealed record BootstrapResult(Account Account, User Owner, OAuthApp App, string? ClientSecret, bool Created);

/// <summary>Accounts, sub accounts, switching users between them, and the OAuth apps that act on them.</summary>
public sealed class AccountsService(IRosterStore store, TimeProvider clock, SecretBox? secrets = null, PasswordHasher? passwords = null)
{
    readonly SecretBox _secrets = secrets ?? new SecretBox(null);
    readonly PasswordHasher _passwords = passwords ?? new PasswordHasher();

    public const string KeyMeta = "signing_key";
    public const string PrimaryMeta = "primary_account";
    public const string PrimaryClientMeta = "primary_client";
    public const string StoreIdMeta = "store_id";

    DateTimeOffset Now => clock.GetUtcNow();

    static string NewId(int bytes = 16) => Ids.Random(bytes);

    public static string HashSecret(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>
    /// The store's signing key, made on first use; sealed with the key-encryption key when one is configured (a key
    /// kept in clear by an earlier start is sealed then).
    /// </summary>
    public Task<byte[]> SigningKeyAsync(CancellationToken ct = default)
        => store.Write(async s =>
        {
            if (await s.GetMetaHeldAsync(KeyMeta) is { } existing)
            {
                var key = Convert.FromBase64String(_secrets.Open(existing));
                if (_secrets.Encrypts && !SecretBox.IsSealed(existing)) await s.SetMetaAsync(KeyMeta, _secrets.Seal(Convert.ToBase64String(key)));
                return key;
            }
            var created = RandomNumberGenerator.GetBytes(32);
            await s.SetMetaAsync(KeyMeta, _secrets.Seal(Convert.ToBase64String(created)));
            return created;
        }, ct);

    /// <summary>
    /// On an empty store: one Business account (100 seats, master option, managed domain example.com), its owner,
    /// and a Server-to-Server app holding every user and sub-account scope. On a second start: what exists.
    /// </summary>
    public async Task<BootstrapResult> BootstrapAsync(BootstrapRequest request, CancellationToken ct = default)
    {
        // The owner's password (ROSTER_OWNER_PASSWORD) matters on the first start only; it is checked and hashed
        // before the transaction, as everywhere, and not at all once the store exists.
        string? ownerHash = null;
        if (!string.IsNullOrEmpty(request.OwnerPassword) && await store.ReadAsync(s => s.GetMetaAsync(PrimaryMeta), ct) is null)
        {
            PasswordPolicy.Check(request.OwnerPassword);
            ownerHash = await _passwords.HashAsync(request.OwnerPassword, ct);
        }
        return await store.Write(async s =>
        {
            if (await s.GetMetaHeldAsync(PrimaryMeta) is { } primary)
            {
                var existing = await s.GetAccountAsync(primary) ?? throw new InvalidOperationException("primary account missing");
                var owner = await s.GetUserAsync(existing.OwnerId) ?? throw new InvalidOperationException("owner missing");
                OAuthApp? app = null;
                if (request.ClientId is not null) app = await s.GetAppAsync(request.ClientId);
                app ??= await s.GetAppAsync(await s.GetMetaAsync(PrimaryClientMeta) ?? "") ?? throw new InvalidOperationException("app missing");
                if (request.ClientId is not null && request.ClientSecret is not null && app.ClientId != request.ClientId)
                    app = await InsertApp(s, existing, owner, request.ClientId, request.ClientSecret);
                return new BootstrapResult(existing, owner, app, null, false);
            }
            var now = Now;
            var account = new Account
            {
                Id = request.AccountId ?? NewId(),
                AccountNumber = await s.NextAccountNumberAsync(),
                Name = SandboxAccountName,
                Plan = Plans.Business,
                LicensedSeats = 100,
                ManagedDomains = ["example.com"],
                MasterAccount = true,
                CreatedAt = now,
            };
            var ownerUser = NewOwner(account, request.OwnerEmail, "Account", "Owner", ownerHash, now);
            account.OwnerId = ownerUser.Id;
            await s.InsertAccountAsync(account);
            await s.InsertUserAsync(ownerUser);
            var secret = request.ClientSecret ?? NewId(24);
            var created = await InsertApp(s, account, ownerUser, request.ClientId ?? NewId(12), secret, request.WebhookSecretToken);
            await s.SetMetaAsync(PrimaryMeta, account.Id);
            await s.SetMetaAsync(PrimaryClientMeta, created.ClientId);
            return new BootstrapResult(account, ownerUser, created, secret, true);
        }, ct);
    }

    /// <summary>The store's primary account, its owner and first app; null on a store no server has started (nothing is made).</summary>
    public Task<BootstrapResult?> PrimaryAsync(CancellationToken ct = default)
        => store.ReadAsync(async s =>
        {
            if (await s.GetMetaAsync(PrimaryMeta) is not { } primary || await s.GetAccountAsync(primary) is not { } account) return null;
            var owner = await s.GetUserAsync(account.OwnerId) ?? throw new InvalidOperationException("owner missing");
            var app = await s.GetAppAsync(await s.GetMetaAsync(PrimaryClientMeta) ?? "") ?? throw new InvalidOperationException("app missing");
            return new BootstrapResult(account, owner, app, null, false);
        }, ct);

    /// <summary>
    /// A new, separate master account (a sandbox's per-test account): Business plan, 100 seats, an owner
    /// <c>owner-…@roster.test</c> without a password, and a Server-to-Server app holding every admin scope.
    /// </summary>
    public Task<BootstrapResult> CreateTestAccountAsync(string? name, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var now = Now;
            var id = NewId();
            var account = new Account
            {
                Id = id, AccountNumber = await s.NextAccountNumberAsync(), Name = name ?? $"Test account {id}", Plan = Plans.Business,
                LicensedSeats = 100, ManagedDomains = [], MasterAccount = true, CreatedAt = now,
            };
            var owner = NewOwner(account, $"owner-{Ids.Random(6).ToLowerInvariant().Replace('_', '0').Replace('-', '0')}@roster.test", "Test", "Owner", null, now);
            account.OwnerId = owner.Id;
            await s.InsertAccountAsync(account);
            await s.InsertUserAsync(owner);
            var secret = NewId(24);
            var app = await InsertApp(s, account, owner, NewId(12), secret);
            await s.RecordAsync(clock, Operator.System, DomainEvent.Of(account.Id, account.Id, new AccountCreated(EventAccount.Created(account, owner.Email))));
            return new BootstrapResult(account, owner, app, secret, true);
        }, ct);

    /// <summary>
    /// Removes a per-test account and everything of it; the primary account and sub accounts are refused. Returns the
    /// <see cref="EventTypes.AccountDeleted"/> events it recorded (one per account removed).
    /// </summary>
    public Task<IReadOnlyList<DomainEvent>> DeleteTestAccountAsync(string accountId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var account = await s.GetAccountAsync(accountId) ?? throw Fail.AccountNotFound(accountId);
            if (account.Id == await s.GetMetaAsync(PrimaryMeta) || account.ParentId is not null)
                throw Fail.Invalid("Only an account made with POST /roster/v1/sandbox/accounts can be deleted here.");
            var recorded = new List<DomainEvent>();
            foreach (var id in await s.DeleteAccountTreeAsync(account.Id))
                recorded.Add((await s.RecordAsync(clock, Operator.System, DomainEvent.Of(id, id, new AccountDeleted(new EventAccount { Id = id }))))!);
            return (IReadOnlyList<DomainEvent>)recorded;
        }, ct);

    async Task<OAuthApp> InsertApp(IStoreSession s, Account account, User owner, string clientId, string secret, string? webhookSecretToken = null)
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

    static User NewOwner(Account account, string email, string? first, string? last, string? passwordHash, DateTimeOffset now) => new()
    {
        Id = NewId(),
        AccountId = account.Id,
        Email = email.ToLowerInvariant(),
        Type = UserTypes.Licensed,
        RoleId = Roles.OwnerId,
        CreatedAt = now,
        Verified = true,
        Pmi = ProfileRules.NewPmi(),
        PasswordHash = passwordHash,
        Profile = new UserProfile { FirstName = first ?? "", LastName = last ?? "", DisplayName = $"{first} {last}".Trim(), Language = "en-US", Timezone = "" },
    };

    /// <summary>This store's identity (made once): credentials files name the store they belong to.</summary>
    public Task<string> StoreIdAsync(CancellationToken ct = default)
        => store.Write(async s =>
        {
            if (await s.GetMetaHeldAsync(StoreIdMeta) is { } id) return id;
            var made = NewId(12);
            await s.SetMetaAsync(StoreIdMeta, made);
            return made;
        }, ct);

    /// <summary>
    /// A new secret for the store's primary Server-to-Server app (the one the first start printed): the old secret
    /// stops working at once; the new one is returned once and kept only as a hash.
    /// </summary>
    public Task<(Account Account, OAuthApp App, string Secret, string OwnerEmail)> RotatePrimarySecretAsync(CancellationToken ct = default)
        => store.Write(async s =>
        {
            var account = await s.GetAccountAsync(await s.GetMetaAsync(PrimaryMeta) ?? "") ?? throw new InvalidOperationException("The store has no primary account yet.");
            var app = await s.GetAppAsync(await s.GetMetaAsync(PrimaryClientMeta) ?? "") ?? throw new InvalidOperationException("The store has no primary app.");
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
        .Concat(Operations.AccountsApi).Concat(Operations.RosterApi)
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

    /// <summary>The name of the account the first start creates.</summary>
    public const string SandboxAccountName = "Roster Sandbox";

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
            if (wanted.Any(sc => sc.EndsWith(":admin", StringComparison.Ordinal) || sc.EndsWith(":master", StringComparison.Ordinal) || sc.StartsWith("account:", StringComparison.Ordinal)))
                throw Fail.Validation(new FieldError("scopes", "A user-level app can only hold user-level scopes."));
            if (redirectUris.Count == 0 || redirectUris.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
                throw Fail.InvalidField("redirect_uris");
        }
        return store.Write(async s =>
        {
            var me = await s.GetUserAsync(caller.UserId);
            if (me is null || !(me.IsOwner || me.IsAdmin)) throw Fail.NoPrivilege("Only the account owner or an admin can create apps.");
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

    static async Task<Account> MasterOf(IStoreSession s, Caller caller)
    {
        var account = await s.GetAccountAsync(caller.AccountId) ?? throw Fail.AccountNotFound(caller.AccountId);
        if (!account.MasterAccount || !account.IsPaid) throw Fail.NoPrivilege("Only a master account on a Pro or higher plan can do this.");
        return account;
    }

    // ---- sub accounts ----

    /// <param name="passwordHash">The owner's password hashed already (a bulk load hashes before its transaction).</param>
    public async Task<(Account Account, User Owner)> CreateSubAccountAsync(Caller caller, CreateAccountRequest body, CancellationToken ct = default, string? passwordHash = null)
    {
        Operations.CreateAccount.Authorize(caller, targetIsSelf: false);
        var errors = new List<FieldError>();
        if (!ProfileRules.IsEmail(body.Email)) errors.Add(new("email", "Invalid field."));
        if (string.IsNullOrWhiteSpace(body.FirstName) || !ProfileRules.IsName(body.FirstName)) errors.Add(new("first_name", "Invalid field."));
        if (string.IsNullOrWhiteSpace(body.LastName) || !ProfileRules.IsName(body.LastName)) errors.Add(new("last_name", "Invalid field."));
        if (string.IsNullOrEmpty(body.Password)) errors.Add(new("password", "Invalid field."));
        if (body.Plan is not null && !Plans.All.Contains(body.Plan)) errors.Add(new("plan", "Invalid field."));
        if (body.Seats is < 0 or > 1_000_000) errors.Add(new("seats", "Invalid field."));
        if (body.ManagedDomains is { } md && md.Any(d => !ProfileRules.IsEmail("x@" + d))) errors.Add(new("managed_domains", "Invalid field."));
        if (errors.Count > 0) throw Fail.Validation([.. errors]);
        var options = body.Options?.ApplyTo(AccountOptions.Default) ?? AccountOptions.Default;
        PasswordPolicy.Check(body.Password!);
        var hash = passwordHash ?? await _passwords.HashAsync(body.Password!, ct);
        return await store.Write(async s =>
        {
            var master = await MasterOf(s, caller);
            var email = body.Email!.ToLowerInvariant();
            if (await s.GetUserByEmailAsync(email) is not null) throw Fail.EmailTaken(email);
            var now = Now;
            var account = new Account
            {
                Id = NewId(),
                AccountNumber = await s.NextAccountNumberAsync(),
                Name = string.IsNullOrWhiteSpace(body.AccountName) ? $"{body.FirstName} {body.LastName}" : body.AccountName!,
                Plan = body.Plan ?? Plans.Pro,
                LicensedSeats = body.Seats ?? 10,
                ManagedDomains = body.ManagedDomains?.Select(d => d.ToLowerInvariant()).Distinct().ToList() ?? [],
                ParentId = master.Id,
                SsoPreProvisioning = body.SsoPreProvisioning ?? false,
                CreatedAt = now,
                Options = options,
            };
            var owner = NewOwner(account, email, body.FirstName, body.LastName, hash, now);
            account.OwnerId = owner.Id;
            await s.InsertAccountAsync(account);
            await s.InsertUserAsync(owner);
            var by = Operator.Of(caller);
            await s.RecordAsync(clock, by, DomainEvent.Of(master.Id, account.Id, new AccountCreated(EventAccount.Created(account, owner.Email))));
            await s.RecordAsync(clock, by, DomainEvent.Of(owner, UserCreated.Of(owner, "subAccount")));
            return (account, owner);
        }, ct);
    }

    public Task<(Account Account, string OwnerEmail)> GetSubAccountAsync(Caller caller, string accountId, CancellationToken ct = default)
    {
        Operations.GetAccount.Authorize(caller, targetIsSelf: false);
        return store.ReadAsync(async s =>
        {
            var (_, account) = await SubOf(s, caller, accountId, hold: false);
            var owner = await s.GetUserAsync(account.OwnerId);
            return (account, owner?.Email ?? "");
        }, ct);
    }

    /// <summary>A sub account of the caller's master account (held for a write when <paramref name="hold"/>); 404/2001 for anything else.</summary>
    static async Task<(Account Master, Account Sub)> SubOf(IStoreSession s, Caller caller, string accountId, bool hold = true)
    {
        var master = await MasterOf(s, caller);
        var account = hold ? await s.LockAccountAsync(accountId) : await s.GetAccountAsync(accountId);
        if (account is null || account.ParentId != master.Id) throw Fail.AccountNotFound(accountId);
        return (master, account);
    }

    /// <summary>
    /// DELETE /accounts/{accountId}: the sub account leaves its master and goes on as an account of its own (its
    /// users, apps and settings intact); the master no longer lists, reads or switches users into it.
    /// </summary>
    public Task DisassociateAsync(Caller caller, string accountId, CancellationToken ct = default)
    {
        Operations.DisassociateAccount.Authorize(caller, targetIsSelf: false);
        return store.Write(async s =>
        {
            var (master, account) = await SubOf(s, caller, accountId);
            account.ParentId = null;
            await s.UpdateAccountAsync(account);
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(master.Id, account.Id,
                new AccountDisassociated(new EventAccount { Id = account.Id, AccountName = account.Name })));
            return true;
        }, ct);
    }

    /// <summary>PATCH /accounts/{accountId}/options: the master changes what it shares with a sub account and who pays.</summary>
    public Task UpdateOptionsAsync(Caller caller, string accountId, SubAccountOptions body, CancellationToken ct = default)
    {
        Operations.UpdateAccountOptions.Authorize(caller, targetIsSelf: false);
        return store.Write(async s =>
        {
            var (master, account) = await SubOf(s, caller, accountId);
            var before = account.Options;
            account.Options = body.ApplyTo(before);
            if (account.Options == before) return false;
            await s.UpdateAccountAsync(account);
            var (changed, previous) = Changes.Diff(
                JsonSerializer.SerializeToNode(before, DomainJsonContext.Default.AccountOptions)!.AsObject(),
                JsonSerializer.SerializeToNode(account.Options, DomainJsonContext.Default.AccountOptions)!.AsObject());
            changed["id"] = account.Id;
            previous["id"] = account.Id;
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(master.Id, account.Id, new AccountUpdated(changed, previous)));
            return true;
        }, ct);
    }

    /// <summary>GET /accounts/{accountId}/managed_domains: of the caller's own account (<c>me</c>) or of one of its sub accounts.</summary>
    public Task<IReadOnlyList<string>> ManagedDomainsAsync(Caller caller, string accountId, CancellationToken ct = default)
    {
        Operations.ManagedDomains.Authorize(caller, targetIsSelf: false);
        return store.ReadAsync<IReadOnlyList<string>>(async s =>
        {
            if (accountId == "me" || accountId == caller.AccountId)
                return (await s.GetAccountAsync(caller.AccountId) ?? throw Fail.AccountNotFound(accountId)).ManagedDomains;
            return (await SubOf(s, caller, accountId, hold: false)).Sub.ManagedDomains;
        }, ct);
    }

    public Task<(IReadOnlyList<(Account, string)> Accounts, int Total, long LastSeq, bool More)> ListSubAccountsAsync(
        Caller caller, long afterSeq, int pageSize, CancellationToken ct = default)
    {
        Operations.ListAccounts.Authorize(caller, targetIsSelf: false);
        return store.ReadAsync<(IReadOnlyList<(Account, string)>, int, long, bool)>(async s =>
        {
            var master = await MasterOf(s, caller);
            var total = await s.CountSubAccountsAsync(master.Id);
            var rows = await s.ListSubAccountsAsync(master.Id, afterSeq, pageSize + 1);
            var more = rows.Count > pageSize;
            var page = rows.Take(pageSize).ToList();
            var list = new List<(Account, string)>();
            foreach (var a in page) list.Add((a, (await s.GetUserAsync(a.OwnerId))?.Email ?? ""));
            return (list, total, page.Count > 0 ? page[^1].Seq : afterSeq, more);
        }, ct);
    }

    // ---- switch a user's account ----

    /// <summary>
    /// Moves a user between accounts of one master (seed: switch_user_account). <paramref name="accountId"/> is
    /// the user's current account, <c>me</c> naming the master itself; the destination must be a sub account.
    /// </summary>
    public Task SwitchUserAccountAsync(Caller caller, string accountId, string userId, string? destinationId, CancellationToken ct = default)
    {
        Operations.SwitchUserAccount.Authorize(caller, targetIsSelf: false);
        if (string.IsNullOrEmpty(destinationId)) throw Fail.InvalidField("account_id");
        return store.Write(async s =>
        {
            var master = await MasterOf(s, caller);
            var me = await s.GetUserAsync(caller.UserId);
            if (me is null || !(me.IsOwner || me.IsAdmin)) throw Fail.NoPrivilege("Only the master account's owner or an admin can do this.");
            var source = accountId == "me" ? master : await s.GetAccountAsync(accountId);
            if (source is null || (source.Id != master.Id && source.ParentId != master.Id)) throw Fail.AccountNotFound(accountId);
            var found = userId.Contains('@') ? await s.GetUserByEmailAsync(userId.ToLowerInvariant()) : await s.GetUserAsync(userId);
            var user = found is null ? null : await s.LockUserAsync(found.Id);
            if (user is null || user.AccountId != source.Id) throw Fail.UserNotFound(userId);
            var destination = await s.GetAccountAsync(destinationId);
            if (destination is null || destination.ParentId != master.Id) throw Fail.AccountNotFound(destinationId);
            if (destination.Id == source.Id) throw Fail.Invalid("The user is already in that account.");
            if (user.IsOwner || user.IsAdmin) throw Fail.NoPrivilege("The owner or an admin of an account cannot be moved to another account.");
            if (user.IsPending) throw Fail.Invalid("A pending user cannot be moved to another account.");
            var sourceOwner = await s.GetUserAsync(source.OwnerId);
            if (sourceOwner is not null && source.IsManagedEmail(user.Email) && Domain(user.Email) == Domain(sourceOwner.Email))
                throw Fail.ManagedDomainUser("A user of the account owner's managed domain cannot be moved to another account.");
            if (user.Status != UserStatuses.Inactive)
                await UsersService.RequireSeat(s, destination, user.Type, null, "The destination account has no available licensed seat.");
            await s.DeleteAllAssistantsAsync(user.Id);
            await s.DeleteAllSchedulersAsync(user.Id);
            var before = Changes.Snapshot(user);
            user.AccountId = destination.Id;
            user.RoleId = Roles.MemberId;
            await s.UpdateUserAsync(user);
            // the account always changes here, so there is always an event; it belongs to the account the user left
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(source.Id, user.Id, UserAccountSwitched.Of(before, user)!));
            return true;
        }, ct);
    }

    static string Domain(string email) => email[(email.LastIndexOf('@') + 1)..];
}
