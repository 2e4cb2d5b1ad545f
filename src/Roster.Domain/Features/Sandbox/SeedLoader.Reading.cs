using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Users;

namespace Roster.Domain.Sandbox;

public sealed partial class SeedLoader
{
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
        plan.Add(new AccountPlan(1, "", null, r.Users(top, ""), r.Apps(top, "")) { Primary = primaryPlan, Groups = r.Groups(top, ""), Roles = r.Roles(top, "") });
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
            plan.Add(new AccountPlan(doc.LineOf(item), path, sub, r.Users(item, path), r.Apps(item, path)) { Groups = r.Groups(item, path), Roles = r.Roles(item, path) });
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
    sealed partial class Reader(SeedDocument doc, List<SeedProblem> problems)
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
                    null or "member" => null, "admin" => Domain.Users.Roles.AdminId,
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
                }, status == "inactive", role, update, settings, Texts(item, "assistants", p) ?? []) { PrimaryGroup = Text(item, "primary_group", p) });
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
