using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Sandbox;

/// <summary>
/// Loads a seed file: accounts' users (type, status, role, profile, settings, assistants), roles and groups, and apps
/// (with chosen credentials and scopes), and sub accounts with theirs. The file is read and checked whole first (every problem
/// with its line); then everything is added in one transaction through the same domain services as the API, so the
/// same rules hold and the same events are recorded — a file that breaks a rule halfway leaves nothing behind.
/// Passwords are hashed before the transaction.
/// </summary>
public sealed partial class SeedLoader(IRosterStore store, TimeProvider clock, RosterKeys keys, Limits.RateLimiter limiter, IdSource ids, PasswordHasher? passwords = null)
{
    readonly PasswordHasher _passwords = passwords ?? new PasswordHasher();

    sealed record UserPlan(int Line, string Path, CreateUserRequest Create, bool Inactive, string? RoleId, UserUpdate? Profile, JsonObject? Settings,
        List<string> Assistants)
    {
        public string? Hash { get; set; }
        /// <summary>The name of the group to make the user's primary one (else the first group of the file that lists it).</summary>
        public string? PrimaryGroup { get; init; }
    }

    sealed record AppPlan(int Line, string Path, string? Name, string Type, List<string>? Scopes, List<string> RedirectUris, AppCredentials? Credentials,
        string? WebhookSecretToken, List<SubscriptionPlan> Subscriptions);
    sealed record SubscriptionPlan(int Line, string Path, List<string> Events, string Url, string? Name, string Scope, List<string> Users);

    sealed record AccountPlan(int Line, string Path, CreateAccountRequest? Sub, List<UserPlan> Users, List<AppPlan> Apps)
    {
        public string? OwnerHash { get; set; }
        /// <summary>What the file changes of the primary account (its top-level <c>account</c>).</summary>
        public PrimaryPlan? Primary { get; init; }
        public List<GroupPlan> Groups { get; init; } = [];
        public List<RolePlan> Roles { get; init; } = [];
    }
    sealed record PrimaryPlan(int Line, string? Name, string? Plan, int? Seats, List<string>? ManagedDomains, bool? SsoPreProvisioning);

    static readonly string[] TopKeys = ["version", "account", "users", "apps", "sub_accounts", "groups", "roles"];
    static readonly string[] PrimaryKeys = ["account_name", "plan", "seats", "managed_domains", "sso_pre_provisioning"];
    static readonly string[] SubKeys = ["account_name", "owner_email", "owner_first_name", "owner_last_name", "owner_password", "plan", "seats",
        "managed_domains", "sso_pre_provisioning", "users", "apps", "groups", "roles"];
    static readonly string[] UserKeys = ["email", "type", "status", "role", "action", "password", "first_name", "last_name", "display_name", "settings", "assistants", "primary_group"];
    static readonly string[] AppKeys = ["name", "type", "client_id", "client_secret", "client_secret_sha256", "scopes", "redirect_uris", "webhook_secret_token", "event_subscriptions"];
    static readonly string[] SubscriptionKeys = ["events", "url", "name", "scope", "users"];

    /// <summary>Meta key set on a store's first start when a seed file is given, cleared by the load that succeeds.</summary>
    public const string PendingMeta = "seed_pending";

    /// <summary>Marks the seed of a first start as owed: it is loaded on the next start if this one cannot.</summary>
    public Task MarkPendingAsync(CancellationToken ct = default) => store.Write(async s =>
    {
        await s.SetMetaAsync(PendingMeta, "1");
        return true;
    }, ct);

    /// <summary>Loads the seed of a first start if it is still owed (null when it was loaded before).</summary>
    public async Task<SeedLoaded?> LoadPendingAsync(Func<Task<SeedDocument>> read, CancellationToken ct = default)
        => await store.ReadAsync(s => s.GetMetaAsync(PendingMeta), ct) == "1" ? await LoadAsync(await read(), firstStart: true, ct) : null;

    public async Task<SeedLoaded> LoadAsync(SeedDocument doc, bool firstStart = false, CancellationToken ct = default)
    {
        var plan = Read(doc);
        foreach (var account in plan)
        {
            if (account.Sub is { Password: { } owner }) account.OwnerHash = await Hash(account.Line, $"{account.Path}.owner_password", owner, ct);
            foreach (var user in account.Users)
                if (user.Create.UserInfo!.Password is { } password) user.Hash = await Hash(user.Line, user.Path, password, ct);
        }
        return await store.Write(async s =>
        {
            var joined = new SessionStore(s);
            var accounts = new SubAccountsService(joined, clock, _passwords);
            var apps = new AppsService(joined, clock);
            var users = new UsersService(joined, clock, keys, limiter, ids, _passwords);
            var settings = new UserSettingsService(joined, clock);
            var relations = new UserRelationsService(joined, clock);
            var primary = await s.GetAccountAsync(await s.GetMetaAsync(BootstrapService.PrimaryMeta) ?? "") ?? throw new InvalidOperationException("the store has no primary account");
            var root = new Caller(primary.Id, primary.OwnerId, "roster-seed", Operations.AllAdminScopes.ToHashSet(StringComparer.Ordinal));
            int madeAccounts = 0, madeUsers = 0, madeApps = 0;
            foreach (var account in plan)
            {
                var caller = root;
                if (account.Primary is { } change)
                    await At(change.Line, "account", async () =>
                    {
                        // the seats must hold the licensed users the account has (as for a sub account's seats)
                        await s.LockAsync(Users.UsersService.SeatLock(primary.Id));
                        if (change.Seats is { } seats && seats < await s.CountSeatHoldersAsync(primary.Id, null))
                            throw Fail.NoSeats("The account has more licensed users than these seats.");
                        var before = AccountFacts(primary);
                        primary.Name = change.Name ?? primary.Name;
                        primary.Plan = change.Plan ?? primary.Plan;
                        primary.LicensedSeats = change.Seats ?? primary.LicensedSeats;
                        primary.ManagedDomains = change.ManagedDomains?.Select(d => d.ToLowerInvariant()).Distinct().ToList() ?? primary.ManagedDomains;
                        primary.SsoPreProvisioning = change.SsoPreProvisioning ?? primary.SsoPreProvisioning;
                        await s.UpdateAccountAsync(primary);
                        var (n, o) = Changes.Diff(before, AccountFacts(primary));
                        // an account.* event: every node drops what it keeps of the account (its plan, for rate limits)
                        if (n.Count > 0) await s.RecordAsync(clock, Operator.System, DomainEvent.Of(primary.Id, primary.Id, new AccountUpdated(n, o)));
                        return 0;
                    });
                if (account.Sub is { } sub)
                {
                    var (made, owner) = await At(account.Line, account.Path, () => accounts.CreateSubAccountAsync(root, sub, ct, account.OwnerHash));
                    caller = root with { AccountId = made.Id, UserId = owner.Id };
                    madeAccounts++;
                }
                var ids = new Dictionary<UserPlan, string>();
                foreach (var user in account.Users)
                {
                    ids[user] = await At(user.Line, user.Path, async () =>
                    {
                        var created = await users.CreateAsync(caller, user.Create, ct, user.Hash);
                        var id = created.User.Id;
                        if (user.Profile is not null) await users.UpdateAsync(caller, id, user.Profile, ct);
                        if (user.Settings is not null) await settings.UpdateSettingsAsync(caller, id, null, user.Settings, ct);
                        if (user.RoleId is { } role && await s.GetUserAsync(id) is { } stored)
                        {
                            stored.RoleId = role; // roles are given through Zoom's Roles API, which Roster does not serve
                            await s.UpdateUserAsync(stored);
                        }
                        if (user.Inactive) await users.SetStatusAsync(caller, id, new StatusRequest { Action = "deactivate" }, ct);
                        return id;
                    });
                    madeUsers++;
                }
                foreach (var user in account.Users.Where(u => u.Assistants.Count > 0))
                    await At(user.Line, user.Path + ".assistants", () => relations.AddAssistantsAsync(caller, ids[user],
                        new AddAssistantsRequest { Assistants = user.Assistants.Select(e => new AssistantRef { Email = e }).ToList() }, ct));
                await LoadGroupsAndRolesAsync(s, joined, caller, account, ids, ct);
                foreach (var app in account.Apps)
                {
                    await At(app.Line, app.Path, () => apps.CreateAppAsync(caller, null, app.Scopes, app.Type, app.RedirectUris, app.Name, app.Credentials, ct,
                        app.WebhookSecretToken, async (session, made) =>
                        {
                            // subscriptions through the API's own rules; their URLs are challenged in the background right after
                            // (a seed is loaded before its receivers run), and deliveries go to them meanwhile
                            foreach (var sub in app.Subscriptions)
                                await At(sub.Line, sub.Path, () => Webhooks.WebhookSubscriptionsService.InsertSeededAsync(session, made, sub.Events, sub.Url, sub.Name,
                                    sub.Scope, sub.Users, clock.GetUtcNow()));
                        }));
                    madeApps++;
                }
            }
            if (firstStart) await s.SetMetaAsync(PendingMeta, "0");
            return new SeedLoaded(madeAccounts, madeUsers, madeApps);
        }, ct);
    }

    async Task<string> Hash(int line, string path, string password, CancellationToken ct)
    {
        try
        {
            PasswordPolicy.Check(password);
        }
        catch (ZoomException e)
        {
            throw Seeding.Refused([new SeedProblem(line, path, e.Error.Message)]);
        }
        return await _passwords.HashAsync(password, ct);
    }

    /// <summary>A step of the load; a rule it breaks refuses the file at the item's line (and rolls everything back).</summary>
    /// <summary>The primary account as a seed's <c>account</c> (and as its change event shows it).</summary>
    static JsonObject AccountFacts(Account a) => new()
    {
        ["account_name"] = a.Name, ["plan"] = a.Plan, ["seats"] = a.LicensedSeats,
        ["managed_domains"] = new JsonArray([.. a.ManagedDomains.Select(d => (JsonNode?)JsonValue.Create(d))]),
        ["sso_pre_provisioning"] = a.SsoPreProvisioning,
    };

    static async Task<T> At<T>(int line, string path, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (ZoomException e)
        {
            var why = e.Error.Errors is { Count: > 0 } fields ? $"{e.Error.Message} ({string.Join(", ", fields.Select(f => f.Field))})" : e.Error.Message;
            throw Seeding.Refused([new SeedProblem(line, path, why)]);
        }
    }

    static Task At(int line, string path, Func<Task> step) => At(line, path, async () =>
    {
        await step();
        return true;
    });
}
