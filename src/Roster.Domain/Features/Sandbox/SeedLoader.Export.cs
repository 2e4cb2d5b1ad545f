using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Users;

namespace Roster.Domain.Sandbox;

public sealed partial class SeedLoader
{
    /// <summary>
    /// The primary account and its sub accounts as a seed (JSON, which seeds read): users with type, status, role,
    /// profile, changed settings, assistants and primary group; custom roles and groups with their members; apps with their client id and secret's SHA-256; sub accounts with
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
        var groups = await ExportGroupsAndRolesAsync(s, account, into);
        var users = new JsonArray();
        foreach (var status in new[] { UserStatuses.Active, UserStatuses.Inactive, UserStatuses.Pending })
            for (long after = 0; ;)
            {
                var page = await s.ListUsersAsync(account.Id, status, null, after, 500);
                foreach (var user in page.Where(u => u.Id != account.OwnerId)) users.Add(await ExportUserAsync(s, user, groups));
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

    static async Task<JsonObject> ExportUserAsync(IStoreSession s, User user, Dictionary<string, (int Order, string Name)> groups)
    {
        var o = new JsonObject { ["email"] = user.Email, ["type"] = user.Type };
        if (user.Status != UserStatuses.Active) o["status"] = user.Status;
        if (user.RoleId == Roles.AdminId) o["role"] = "admin";
        var profile = JsonSerializer.SerializeToNode(user.Profile, SeedJson.Default.UserProfile)!.AsObject();
        foreach (var (name, value) in profile)
        {
            if (value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0)) continue;
            if (name is "modified_at" or "group_ids" or "zoom_phone" or "zoom_one_type" or "plan_united_type" or "division_ids" or "license_info_list") continue; // set at creation, not by PATCH
            o[name] = value.DeepClone();
        }
        if (await s.GetSettingsAsync(user.Id) is { } settings && JsonNode.Parse(settings) is JsonObject changed && changed.Count > 0) o["settings"] = changed;
        var assistants = new JsonArray();
        foreach (var a in await s.ListAssistantsAsync(user.Id))
            if (await s.GetUserAsync(a.AssistantId) is { } assistant) assistants.Add(assistant.Email);
        if (assistants.Count > 0) o["assistants"] = assistants;
        if (PrimaryGroupToName(user, groups) is { } primary) o["primary_group"] = primary;
        return o;
    }
}
