using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Roster.Domain.Sandbox;

/// <summary>A seed file as read: its tree (JSON values), and the line each node starts on.</summary>
public sealed partial class SeedDocument
{
    public const int MaxChars = 4 * 1024 * 1024;
    public const int MaxNodes = 200_000;

    readonly Dictionary<JsonNode, int> _lines = new(ReferenceEqualityComparer.Instance);
    public JsonNode? Root { get; private set; }

    public int LineOf(JsonNode? node) => node is not null && _lines.TryGetValue(node, out var line) ? line : 0;

    /// <summary>Reads YAML (or JSON, which is YAML too); refused with the line and reason when it cannot be read.</summary>
    public static SeedDocument Parse(string text)
    {
        if (text.Length > MaxChars) throw Seeding.Refused([new SeedProblem(0, "", $"the file is larger than {MaxChars / (1024 * 1024)} MB")]);
        var doc = new SeedDocument();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Seeding.Refused([new SeedProblem((int)e.Start.Line, "", e.InnerException?.Message ?? e.Message)]);
        }
        if (stream.Documents.Count > 1) throw Seeding.Refused([new SeedProblem((int)stream.Documents[1].RootNode.Start.Line, "", "one document per file")]);
        var nodes = 0;
        doc.Root = stream.Documents.Count == 0 ? null : doc.Convert(stream.Documents[0].RootNode, ref nodes, 0);
        return doc;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Real();

    JsonNode? Convert(YamlNode node, ref int nodes, int depth)
    {
        if (++nodes > MaxNodes) throw Seeding.Refused([new SeedProblem((int)node.Start.Line, "", $"more than {MaxNodes} values")]);
        if (depth > 32) throw Seeding.Refused([new SeedProblem((int)node.Start.Line, "", "nested too deeply")]);
        JsonNode? made;
        switch (node)
        {
            case YamlMappingNode map:
                var o = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                        throw Seeding.Refused([new SeedProblem((int)key.Start.Line, "", "keys are plain names")]);
                    if (o.ContainsKey(name)) throw Seeding.Refused([new SeedProblem((int)key.Start.Line, name, $"\"{name}\" is given twice")]);
                    o[name] = Convert(value, ref nodes, depth + 1);
                    if (o[name] is null) _nullLines[(o, name)] = (int)value.Start.Line;
                }
                made = o;
                break;
            case YamlSequenceNode seq:
                var a = new JsonArray();
                foreach (var item in seq.Children) a.Add(Convert(item, ref nodes, depth + 1));
                made = a;
                break;
            case YamlScalarNode scalar:
                var v = scalar.Value ?? "";
                if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) made = JsonValue.Create(v);
                else if (v is "" or "~" or "null" or "Null" or "NULL") return null;
                else if (v is "true" or "True" or "TRUE") made = JsonValue.Create(true);
                else if (v is "false" or "False" or "FALSE") made = JsonValue.Create(false);
                else if (Integer().IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) made = JsonValue.Create(n);
                else if (Real().IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) made = JsonValue.Create(d);
                else made = JsonValue.Create(v);
                break;
            default:
                throw Seeding.Refused([new SeedProblem((int)node.Start.Line, "", "unsupported YAML node")]);
        }
        _lines[made] = (int)node.Start.Line;
        return made;
    }

    readonly Dictionary<(JsonObject, string), int> _nullLines = [];

    /// <summary>The line of a member (also when its value is null).</summary>
    public int LineOf(JsonObject parent, string name)
        => parent[name] is { } value ? LineOf(value) : _nullLines.TryGetValue((parent, name), out var line) ? line : LineOf(parent);
}

/// <summary>What a seed file could not do: where (line, path) and why.</summary>
public sealed record SeedProblem(int Line, string Path, string Reason);

/// <summary>What a seed file added.</summary>
public sealed record SeedLoaded(int Accounts, int Users, int Apps);

public static class Seeding
{
    public static ZoomException Refused(IReadOnlyList<SeedProblem> problems)
        => Fail.SeedRefused(problems.Select(p => new FieldError(p.Path.Length == 0 ? "file" : p.Path, p.Line > 0 ? $"line {p.Line}: {p.Reason}" : p.Reason)).ToArray());
}

/// <summary>
/// Loads a seed file: accounts' users (type, status, role, profile, settings, assistants) and apps (with chosen
/// credentials and scopes), and sub accounts with theirs. The file is read and checked whole first (every problem
/// with its line); then everything is added in one transaction through the same domain services as the API, so the
/// same rules hold and the same events are recorded — a file that breaks a rule halfway leaves nothing behind.
/// Passwords are hashed before the transaction.
/// </summary>
public sealed class SeedLoader(IRosterStore store, TimeProvider clock, RosterKeys keys, Limits.RateLimiter limiter, IdSource ids, PasswordHasher? passwords = null)
{
    readonly PasswordHasher _passwords = passwords ?? new PasswordHasher();

    sealed record UserPlan(int Line, string Path, CreateUserRequest Create, bool Inactive, string? RoleId, UserUpdate? Profile, JsonObject? Settings,
        List<string> Assistants)
    {
        public string? Hash { get; set; }
    }

    sealed record AppPlan(int Line, string Path, string? Name, string Type, List<string>? Scopes, List<string> RedirectUris, AppCredentials? Credentials,
        string? WebhookSecretToken, List<SubscriptionPlan> Subscriptions);
    sealed record SubscriptionPlan(int Line, string Path, List<string> Events, string Url, string? Name, string Scope, List<string> Users);

    sealed record AccountPlan(int Line, string Path, CreateAccountRequest? Sub, List<UserPlan> Users, List<AppPlan> Apps)
    {
        public string? OwnerHash { get; set; }
        /// <summary>What the file changes of the primary account (its top-level <c>account</c>).</summary>
        public PrimaryPlan? Primary { get; init; }
    }
    sealed record PrimaryPlan(int Line, string? Name, string? Plan, int? Seats, List<string>? ManagedDomains, bool? SsoPreProvisioning);

    static readonly string[] TopKeys = ["version", "account", "users", "apps", "sub_accounts"];
    static readonly string[] PrimaryKeys = ["account_name", "plan", "seats", "managed_domains", "sso_pre_provisioning"];
    static readonly string[] SubKeys = ["account_name", "owner_email", "owner_first_name", "owner_last_name", "owner_password", "plan", "seats",
        "managed_domains", "sso_pre_provisioning", "users", "apps"];
    static readonly string[] UserKeys = ["email", "type", "status", "role", "action", "password", "first_name", "last_name", "display_name", "settings", "assistants"];
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

    // ---- writing the store out as a seed ----

    /// <summary>
    /// The primary account and its sub accounts as a seed (JSON, which seeds read): users with type, status, role,
    /// profile, changed settings and assistants; apps with their client id and secret's SHA-256; sub accounts with
    /// plan, seats and domains. Loading it into a fresh store gives the same export back. Not in it: the primary
    /// account's owner and app (every store's first start makes them), passwords, PMIs and personal links.
    /// </summary>
    public Task<JsonObject> ExportAsync(CancellationToken ct = default) => store.ReadAsync(async s =>
    {
        var primary = await s.GetAccountAsync(await s.GetMetaAsync(BootstrapService.PrimaryMeta) ?? "") ?? throw new InvalidOperationException("the store has no primary account");
        var primaryApp = await s.GetMetaAsync(BootstrapService.PrimaryClientMeta);
        var seed = new JsonObject { ["version"] = 1 };
        seed["account"] = AccountFacts(primary);
        await ExportAccountAsync(s, primary, seed, primaryApp);
        var subs = new JsonArray();
        for (long after = 0; ;)
        {
            var page = await s.ListSubAccountsAsync(primary.Id, after, 500);
            foreach (var sub in page)
            {
                var owner = await s.GetUserAsync(sub.OwnerId);
                var item = new JsonObject
                {
                    ["account_name"] = sub.Name, ["owner_email"] = owner?.Email,
                    ["owner_first_name"] = NullIfEmpty(owner?.Profile.FirstName), ["owner_last_name"] = NullIfEmpty(owner?.Profile.LastName),
                    ["plan"] = sub.Plan, ["seats"] = sub.LicensedSeats,
                    ["managed_domains"] = new JsonArray([.. sub.ManagedDomains.Select(d => (JsonNode?)JsonValue.Create(d))]),
                    ["sso_pre_provisioning"] = sub.SsoPreProvisioning,
                };
                await ExportAccountAsync(s, sub, item, null);
                subs.Add(item);
            }
            if (page.Count < 500) break;
            after = page[^1].Seq;
        }
        if (subs.Count > 0) seed["sub_accounts"] = subs;
        return seed;
    }, ct);

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    static async Task ExportAccountAsync(IStoreSession s, Account account, JsonObject into, string? skipApp)
    {
        var users = new JsonArray();
        foreach (var status in new[] { UserStatuses.Active, UserStatuses.Inactive, UserStatuses.Pending })
            for (long after = 0; ;)
            {
                var page = await s.ListUsersAsync(account.Id, status, null, after, 500);
                foreach (var user in page.Where(u => u.Id != account.OwnerId)) users.Add(await ExportUserAsync(s, user));
                if (page.Count < 500) break;
                after = page[^1].Seq;
            }
        if (users.Count > 0) into["users"] = users;
        var apps = new JsonArray();
        foreach (var app in (await s.ListAppsAsync(account.Id)).Where(a => a.ClientId != skipApp))
        {
            var item = new JsonObject
            {
                ["name"] = app.Name, ["type"] = app.Type, ["client_id"] = app.ClientId, ["client_secret_sha256"] = app.SecretHash.ToLowerInvariant(),
                ["scopes"] = new JsonArray([.. app.Scopes.Select(x => (JsonNode?)JsonValue.Create(x))]),
            };
            if (app.RedirectUris.Count > 0) item["redirect_uris"] = new JsonArray([.. app.RedirectUris.Select(x => (JsonNode?)JsonValue.Create(x))]);
            // subscriptions without the secret token (never exported in clear: a loaded copy makes its own)
            var subscriptions = new JsonArray();
            foreach (var sub in await s.ListSubscriptionsOfAppAsync(app.ClientId))
            {
                var o = new JsonObject { ["events"] = new JsonArray([.. sub.Events.Select(x => (JsonNode?)JsonValue.Create(x))]), ["url"] = sub.Url, ["scope"] = sub.Scope };
                if (sub.Name.Length > 0) o["name"] = sub.Name;
                if (sub.Scope == Webhooks.SubscriptionScopes.User)
                {
                    var emails = new JsonArray();
                    foreach (var id in sub.UserIds)
                        if (await s.GetUserAsync(id) is { } u) emails.Add(u.Email);
                    o["users"] = emails;
                }
                subscriptions.Add(o);
            }
            if (subscriptions.Count > 0) item["event_subscriptions"] = subscriptions;
            apps.Add(item);
        }
        if (apps.Count > 0) into["apps"] = apps;
    }

    static async Task<JsonObject> ExportUserAsync(IStoreSession s, User user)
    {
        var o = new JsonObject { ["email"] = user.Email, ["type"] = user.Type };
        if (user.Status != UserStatuses.Active) o["status"] = user.Status;
        if (user.RoleId == Roles.AdminId) o["role"] = "admin";
        var profile = JsonSerializer.SerializeToNode(user.Profile, SeedJson.Default.UserProfile)!.AsObject();
        foreach (var (name, value) in profile)
        {
            if (value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0)) continue;
            if (name is "group_ids" or "zoom_phone" or "zoom_one_type" or "plan_united_type" or "division_ids" or "license_info_list") continue; // set at creation, not by PATCH
            o[name] = value.DeepClone();
        }
        if (await s.GetSettingsAsync(user.Id) is { } settings && JsonNode.Parse(settings) is JsonObject changed && changed.Count > 0) o["settings"] = changed;
        var assistants = new JsonArray();
        foreach (var a in await s.ListAssistantsAsync(user.Id))
            if (await s.GetUserAsync(a.AssistantId) is { } assistant) assistants.Add(assistant.Email);
        if (assistants.Count > 0) o["assistants"] = assistants;
        return o;
    }

    // ---- reading and checking the file ----

    static List<AccountPlan> Read(SeedDocument doc)
    {
        var problems = new List<SeedProblem>();
        var plan = new List<AccountPlan>();
        if (doc.Root is not JsonObject top)
        {
            problems.Add(new(doc.LineOf(doc.Root), "", "the file is a mapping with users, apps and sub_accounts"));
            throw Seeding.Refused(problems);
        }
        var r = new Reader(doc, problems);
        r.OnlyKeys(top, "", TopKeys);
        if (top["version"] is { } version && !(version is JsonValue v && v.TryGetValue<long>(out var n) && n == 1))
            problems.Add(new(doc.LineOf(version), "version", "only version 1 is known"));
        PrimaryPlan? primaryPlan = null;
        if (top["account"] is JsonObject primary)
        {
            r.OnlyKeys(primary, "account", PrimaryKeys);
            var planName = r.Text(primary, "plan", "account");
            if (planName is not null && !Plans.All.Contains(planName)) problems.Add(new(doc.LineOf(primary, "plan"), "account.plan", "free, pro, business or enterprise"));
            var seats = (int?)r.Number(primary, "seats", "account");
            if (seats is < 0 or > 1_000_000) problems.Add(new(doc.LineOf(primary, "seats"), "account.seats", "0 to 1,000,000"));
            var domains = r.Texts(primary, "managed_domains", "account");
            if (domains is not null && domains.Any(d => !ProfileRules.IsEmail("x@" + d))) problems.Add(new(doc.LineOf(primary, "managed_domains"), "account.managed_domains", "domain names"));
            var name = r.Text(primary, "account_name", "account");
            if (name is not null && (name.Trim().Length is 0 or > 128 || name.Any(char.IsControl))) problems.Add(new(doc.LineOf(primary, "account_name"), "account.account_name", "1 to 128 characters"));
            primaryPlan = new PrimaryPlan(doc.LineOf(primary), name?.Trim(), planName, seats, domains, r.Bool(primary, "sso_pre_provisioning", "account"));
        }
        else if (top["account"] is { } notMapping) problems.Add(new(doc.LineOf(notMapping), "account", "a mapping: account_name, plan, seats, managed_domains, sso_pre_provisioning"));
        plan.Add(new AccountPlan(1, "", null, r.Users(top, ""), r.Apps(top, "")) { Primary = primaryPlan });
        foreach (var (item, path) in r.Items(top, "sub_accounts", ""))
        {
            r.OnlyKeys(item, path, SubKeys);
            var sub = new CreateAccountRequest
            {
                AccountName = r.Text(item, "account_name", path, required: true),
                Email = r.Text(item, "owner_email", path, required: true),
                FirstName = r.Text(item, "owner_first_name", path) ?? "Account",
                LastName = r.Text(item, "owner_last_name", path) ?? "Owner",
                Password = r.Text(item, "owner_password", path) ?? "Seed-" + Ids.Random(16) + "9a",
                Plan = r.Text(item, "plan", path),
                Seats = (int?)r.Number(item, "seats", path),
                ManagedDomains = r.Texts(item, "managed_domains", path),
                SsoPreProvisioning = r.Bool(item, "sso_pre_provisioning", path),
            };
            plan.Add(new AccountPlan(doc.LineOf(item), path, sub, r.Users(item, path), r.Apps(item, path)));
        }
        var emails = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in plan)
        {
            if (account.Sub?.Email is { } owner && !emails.TryAdd(owner, $"{account.Path}.owner_email"))
                problems.Add(new(account.Line, $"{account.Path}.owner_email", $"{owner} is also {emails[owner]}"));
            foreach (var user in account.Users)
                if (user.Create.UserInfo?.Email is { } email && !emails.TryAdd(email, $"{user.Path}.email"))
                    problems.Add(new(user.Line, $"{user.Path}.email", $"{email} is also {emails[email]}"));
        }
        if (problems.Count > 0) throw Seeding.Refused(problems);
        return plan;
    }

    /// <summary>Reads members of the tree, noting each problem with its line instead of stopping at the first.</summary>
    sealed class Reader(SeedDocument doc, List<SeedProblem> problems)
    {
        static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

        public void OnlyKeys(JsonObject o, string path, string[] known)
        {
            foreach (var (name, _) in o)
                if (!known.Contains(name))
                    problems.Add(new(doc.LineOf(o, name), Join(path, name), $"unknown key; known here: {string.Join(", ", known)}"));
        }

        public string? Text(JsonObject o, string name, string path, bool required = false)
        {
            if (o[name] is null)
            {
                if (required) problems.Add(new(doc.LineOf(o), Join(path, name), "required"));
                return null;
            }
            if (o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
            if (o[name] is JsonValue number && number.GetValueKind() == JsonValueKind.Number) return number.ToJsonString();
            problems.Add(new(doc.LineOf(o[name]), Join(path, name), "a text"));
            return null;
        }

        public long? Number(JsonObject o, string name, string path)
        {
            if (o[name] is null) return null;
            if (o[name] is JsonValue v && v.TryGetValue<long>(out var n)) return n;
            problems.Add(new(doc.LineOf(o[name]), Join(path, name), "a whole number"));
            return null;
        }

        public bool? Bool(JsonObject o, string name, string path)
        {
            if (o[name] is null) return null;
            if (o[name] is JsonValue v && v.TryGetValue<bool>(out var b)) return b;
            problems.Add(new(doc.LineOf(o[name]), Join(path, name), "true or false"));
            return null;
        }

        public List<string>? Texts(JsonObject o, string name, string path)
        {
            if (o[name] is null) return null;
            if (o[name] is JsonArray a && a.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String)) return a.Select(x => x!.GetValue<string>()).ToList();
            problems.Add(new(doc.LineOf(o[name]), Join(path, name), "a list of texts"));
            return null;
        }

        public IEnumerable<(JsonObject Item, string Path)> Items(JsonObject o, string name, string path)
        {
            if (o[name] is null) yield break;
            if (o[name] is not JsonArray list)
            {
                problems.Add(new(doc.LineOf(o[name]), Join(path, name), "a list"));
                yield break;
            }
            for (var i = 0; i < list.Count; i++)
            {
                var itemPath = $"{Join(path, name)}[{i}]";
                if (list[i] is JsonObject item) yield return (item, itemPath);
                else problems.Add(new(doc.LineOf(list[i]) is > 0 and var l ? l : doc.LineOf(list), itemPath, "a mapping"));
            }
        }

        public List<UserPlan> Users(JsonObject owner, string path)
        {
            var users = new List<UserPlan>();
            foreach (var (item, p) in Items(owner, "users", path))
            {
                var line = doc.LineOf(item);
                var email = Text(item, "email", p, required: true);
                if (email is not null && !ProfileRules.IsEmail(email)) problems.Add(new(doc.LineOf(item, "email"), $"{p}.email", "not an e-mail address"));
                int? type = item["type"] switch
                {
                    null => UserTypes.Basic,
                    JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() switch
                    {
                        "basic" => UserTypes.Basic, "licensed" => UserTypes.Licensed, "none" => UserTypes.None, _ => null,
                    },
                    JsonValue v when v.TryGetValue<long>(out var t) && UserTypes.All.Contains((int)t) => (int)t,
                    _ => null,
                };
                if (type is null) problems.Add(new(doc.LineOf(item, "type"), $"{p}.type", "basic, licensed, none, or Zoom's 1, 2, 99"));
                var status = Text(item, "status", p) ?? "active";
                if (status is not ("active" or "pending" or "inactive")) problems.Add(new(doc.LineOf(item, "status"), $"{p}.status", "active, pending or inactive"));
                var role = Text(item, "role", p) switch
                {
                    null or "member" => null, "admin" => Roles.AdminId,
                    var other => Problem<string>(doc.LineOf(item, "role"), $"{p}.role", $"member or admin, not {other} (an account has one owner)"),
                };
                var password = Text(item, "password", p);
                var action = Text(item, "action", p) ?? (status == "pending" ? CreateActions.Create : password is not null ? CreateActions.AutoCreate : CreateActions.CustCreate);
                if (!CreateActions.All.Contains(action)) problems.Add(new(doc.LineOf(item, "action"), $"{p}.action", string.Join(", ", CreateActions.All)));
                if (status == "pending" && action != CreateActions.Create) problems.Add(new(doc.LineOf(item, "status"), $"{p}.status", "a pending user is one invited (action create)"));
                if (password is not null && action != CreateActions.AutoCreate)
                    problems.Add(new(doc.LineOf(item, "password"), $"{p}.password", "a password is set only with autoCreate (an account with a managed domain)"));
                var settings = item["settings"] switch
                {
                    null => null,
                    JsonObject o => (JsonObject)o.DeepClone(),
                    var other => Problem<JsonObject>(doc.LineOf(other), $"{p}.settings", "a mapping like the body of PATCH /users/{userId}/settings"),
                };
                var profile = new JsonObject();
                foreach (var (name, value) in item)
                    if (!UserKeys.Contains(name)) profile[name] = value?.DeepClone();
                UserUpdate? update = null;
                if (profile.Count > 0)
                    try
                    {
                        update = profile.Deserialize(SeedJson.Default.UserUpdate);
                    }
                    catch (JsonException e)
                    {
                        var key = e.Path?.TrimStart('$', '.').Split('.', '[')[0];
                        var at = key is { Length: > 0 } && item.ContainsKey(key) ? doc.LineOf(item, key) : line;
                        problems.Add(new(at, key is { Length: > 0 } ? $"{p}.{key}" : p,
                            key is { Length: > 0 } && item[key] is null ? "unknown key" : $"not a field of a user, or not of its type ({e.Message.Split('.')[0]})"));
                    }
                users.Add(new UserPlan(line, p, new CreateUserRequest
                {
                    Action = action,
                    UserInfo = new NewUserInfo
                    {
                        Email = email, Type = type, FirstName = Text(item, "first_name", p), LastName = Text(item, "last_name", p),
                        DisplayName = Text(item, "display_name", p), Password = password,
                    },
                }, status == "inactive", role, update, settings, Texts(item, "assistants", p) ?? []));
            }
            return users;
        }

        public List<AppPlan> Apps(JsonObject owner, string path)
        {
            var apps = new List<AppPlan>();
            foreach (var (item, p) in Items(owner, "apps", path))
            {
                OnlyKeys(item, p, AppKeys);
                var (id, secret, hash) = (Text(item, "client_id", p), Text(item, "client_secret", p), Text(item, "client_secret_sha256", p));
                if ((id is null) != (secret is null && hash is null) || (secret is not null && hash is not null))
                    problems.Add(new(doc.LineOf(item), $"{p}.client_secret", "client_id goes with client_secret or client_secret_sha256 (one of them)"));
                if (id is not null && !AppCredentials.IsClientId(id)) problems.Add(new(doc.LineOf(item, "client_id"), $"{p}.client_id", "6 to 64 letters, digits, - or _"));
                if (secret is not null && !AppCredentials.IsSecret(secret)) problems.Add(new(doc.LineOf(item, "client_secret"), $"{p}.client_secret", "16 to 128 printable characters"));
                if (hash is not null && !AppCredentials.IsSecretSha256(hash)) problems.Add(new(doc.LineOf(item, "client_secret_sha256"), $"{p}.client_secret_sha256", "64 hexadecimal digits"));
                var type = Text(item, "type", p) ?? OAuthAppTypes.ServerToServer;
                var token = Text(item, "webhook_secret_token", p);
                if (token is not null && !Webhooks.WebhookSubscriptionsService.IsSecretToken(token))
                    problems.Add(new(doc.LineOf(item, "webhook_secret_token"), $"{p}.webhook_secret_token", "8 to 128 printable characters"));
                var subscriptions = new List<SubscriptionPlan>();
                foreach (var (sub, sp) in Items(item, "event_subscriptions", p))
                {
                    OnlyKeys(sub, sp, SubscriptionKeys);
                    var events = Texts(sub, "events", sp) ?? [];
                    if (events.Count == 0) problems.Add(new(doc.LineOf(sub), $"{sp}.events", "at least one event"));
                    foreach (var unknown in events.Where(e => !Webhooks.WebhookRules.UserEvents.Contains(e)))
                        problems.Add(new(doc.LineOf(sub, "events"), $"{sp}.events", $"unknown event {unknown}"));
                    var url = Text(sub, "url", sp, required: true) ?? "";
                    if (url.Length > 0 && !Webhooks.WebhookRules.IsDeliverableUrl(url)) problems.Add(new(doc.LineOf(sub, "url"), $"{sp}.url", "an absolute http or https URL"));
                    var scope = Text(sub, "scope", sp) ?? Webhooks.SubscriptionScopes.Account;
                    if (!Webhooks.SubscriptionScopes.All.Contains(scope)) problems.Add(new(doc.LineOf(sub, "scope"), $"{sp}.scope", "account, user or master_account"));
                    var users = Texts(sub, "users", sp) ?? [];
                    if (scope == Webhooks.SubscriptionScopes.User && users.Count == 0) problems.Add(new(doc.LineOf(sub), $"{sp}.users", "scope user needs users (e-mails)"));
                    subscriptions.Add(new SubscriptionPlan(doc.LineOf(sub), sp, events, url, Text(sub, "name", sp), scope, users));
                }
                if (subscriptions.Count > Webhooks.WebhookRules.MaxSubscriptionsPerApp)
                    problems.Add(new(doc.LineOf(item, "event_subscriptions"), $"{p}.event_subscriptions", "at most 20 per app"));
                apps.Add(new AppPlan(doc.LineOf(item), p, Text(item, "name", p), type, Texts(item, "scopes", p), Texts(item, "redirect_uris", p) ?? [],
                    id is not null && (secret ?? hash) is not null ? new AppCredentials(id, secret, hash) : null, token, subscriptions));
            }
            return apps;
        }

        T? Problem<T>(int line, string path, string reason) where T : class
        {
            problems.Add(new(line, path, reason));
            return null;
        }
    }
}

/// <summary>A store whose reads and writes all run in one session already open: what lets a seed use the domain services in one transaction.</summary>
sealed class SessionStore(IStoreSession session) : IRosterStore
{
    public Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default) => work(session);
    public Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default) => work(session);
}

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UserUpdate))]
[JsonSerializable(typeof(UserProfile))]
internal sealed partial class SeedJson : JsonSerializerContext;
