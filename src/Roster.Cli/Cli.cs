using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Roster.Client;
using Roster.Client.Models;

namespace Roster.Cli;

/// <summary>
/// <c>roster</c>: Zoom's Users API from the command line, on the Roster.Client SDK.
/// Exit codes: 0 success, 1 the API refused (or some rows of an import failed), 2 usage error.
/// </summary>
public static partial class Cli
{
    public const int Ok = 0, ApiError = 1, Usage = 2;

    static readonly Option<string?> BaseUrl = new("--base-url") { Description = "API base URL (default https://api.zoom.us/v2; env ROSTER_BASE_URL)", Recursive = true };
    static readonly Option<string?> AccountId = new("--account-id") { Description = "Server-to-Server account id (env ZOOM_ACCOUNT_ID)", Recursive = true };
    static readonly Option<string?> ClientId = new("--client-id") { Description = "OAuth client id (env ZOOM_CLIENT_ID)", Recursive = true };
    static readonly Option<string?> ClientSecret = new("--client-secret") { Description = "OAuth client secret (env ZOOM_CLIENT_SECRET)", Recursive = true };
    static readonly Option<string> ProfileName = new("--profile") { Description = "Saved profile to use", DefaultValueFactory = _ => "default", Recursive = true };
    internal static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of tables", Recursive = true };

    public static async Task<int> RunAsync(string[] args, CliEnvironment env)
    {
        var root = Build(env);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) await env.Error.WriteLineAsync($"roster: {e.Message}");
            return Usage;
        }
        try
        {
            // SIGINT/SIGTERM cancel the command's token (System.CommandLine registers for them); a command then has this
            // long to end well (webhooks listen deletes its subscription) before the process ends with 130/143
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = env.Out, Error = env.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            });
        }
        catch (ZoomApiException e)
        {
            await env.Error.WriteLineAsync($"roster: {e.Message}{(e.Errors.Count > 0 ? " (" + string.Join(", ", e.Errors.Select(f => $"{f.Field}: {f.Message}")) + ")" : "")}");
            return ApiError;
        }
        catch (UsageException e)
        {
            await env.Error.WriteLineAsync($"roster: {e.Message}");
            return Usage;
        }
        catch (HttpRequestException e)
        {
            await env.Error.WriteLineAsync($"roster: cannot reach the API: {e.Message}");
            return ApiError;
        }
    }

    internal sealed class UsageException(string message) : Exception(message);

    static ZoomClient Client(ParseResult p, CliEnvironment env)
    {
        var profiles = Profile.Load(env.ProfilePath);
        profiles.TryGetValue(p.GetValue(ProfileName)!, out var saved);
        string? Pick(Option<string?> option, string variable, string? fromProfile)
            => p.GetValue(option) ?? env.Variable(variable) ?? fromProfile;
        var options = new ZoomClientOptions
        {
            BaseUrl = new Uri(Pick(BaseUrl, "ROSTER_BASE_URL", saved?.BaseUrl) ?? "https://api.zoom.us/v2"),
            AccountId = Pick(AccountId, "ZOOM_ACCOUNT_ID", saved?.AccountId),
            ClientId = Pick(ClientId, "ZOOM_CLIENT_ID", saved?.ClientId),
            ClientSecret = Pick(ClientSecret, "ZOOM_CLIENT_SECRET", saved?.ClientSecret),
            AccessToken = env.Variable("ZOOM_ACCESS_TOKEN") ?? saved?.AccessToken,
        };
        if (options.AccessToken is null && (options.AccountId is null || options.ClientId is null || options.ClientSecret is null))
            throw new UsageException("no credentials: pass --account-id/--client-id/--client-secret, set ZOOM_* variables, or run `roster login`");
        return env.ClientFactory(options);
    }

    static Command Cmd(string name, string description, Action<Command> build, Func<ParseResult, CliEnvironment, CancellationToken, Task<int>> action, CliEnvironment env)
    {
        var c = new Command(name, description);
        build(c);
        c.SetAction((p, ct) => action(p, env, ct));
        return c;
    }

    static Argument<string> Arg(string name, string description) => new(name) { Description = description };

    static RootCommand Build(CliEnvironment env)
    {
        var root = new RootCommand("roster: Zoom's Users API from the command line (Zoom or a Roster server)");
        foreach (var o in new Option[] { BaseUrl, AccountId, ClientId, ClientSecret, ProfileName, Json }) root.Options.Add(o);

        var adminKey = new Option<string?>("--admin-key") { Description = "Also save a Roster server's sandbox admin key, so `roster sandbox …` needs none (env ROSTER_ADMIN_KEY)" };
        var secretToken = new Option<string?>("--webhook-secret-token") { Description = "Also save the app's webhook secret token, for `roster webhooks listen` (env ZOOM_WEBHOOK_SECRET_TOKEN)" };
        root.Subcommands.Add(Cmd("login", "Save a profile (base URL, credentials, keys; a secret is never printed): what is not given keeps its saved value",
            c => { c.Options.Add(adminKey); c.Options.Add(secretToken); }, async (p, e, ct) =>
        {
            var profiles = Profile.Load(e.ProfilePath);
            var name = p.GetValue(ProfileName)!;
            profiles.TryGetValue(name, out var old);
            string? Pick(Option<string?> option, string variable, string? saved) => p.GetValue(option) ?? e.Variable(variable) ?? saved;
            var profile = profiles[name] = new Profile
            {
                BaseUrl = Pick(BaseUrl, "ROSTER_BASE_URL", old?.BaseUrl), AccountId = Pick(AccountId, "ZOOM_ACCOUNT_ID", old?.AccountId),
                ClientId = Pick(ClientId, "ZOOM_CLIENT_ID", old?.ClientId), ClientSecret = Pick(ClientSecret, "ZOOM_CLIENT_SECRET", old?.ClientSecret),
                AccessToken = old?.AccessToken, AdminKey = Pick(adminKey, "ROSTER_ADMIN_KEY", old?.AdminKey),
                WebhookSecretToken = Pick(secretToken, "ZOOM_WEBHOOK_SECRET_TOKEN", old?.WebhookSecretToken),
            };
            var url = profile.BaseUrl ?? "https://api.zoom.us/v2";
            // each credential is tried before it is saved: a typo shows now, not at the next command
            string? who = null;
            if (profile.AccessToken is not null || (profile.AccountId, profile.ClientId, profile.ClientSecret) is (not null, not null, not null) || profile.AdminKey is null)
            {
                using var client = Client(p, e);
                who = (await client.Users.GetAsync("me", ct)).Email;
            }
            if ((p.GetValue(adminKey) ?? e.Variable("ROSTER_ADMIN_KEY")) is { } key)
            {
                using var sandbox = e.SandboxFactory(new Uri(url), key);
                await sandbox.GetClockAsync(ct);
            }
            Profile.Save(e.ProfilePath, profiles);
            var keys = string.Join(" and ", new[] { profile.AdminKey is null ? null : "the sandbox admin key", profile.WebhookSecretToken is null ? null : "the webhook secret token" }.OfType<string>());
            await e.Out.WriteLineAsync($"Saved profile '{name}'{(who is null ? "" : $" for {who}")} ({url}){(keys.Length == 0 ? "" : $" with {keys}")}.");
            return Ok;
        }, env));

        var users = new Command("users", "Users of the account");
        root.Subcommands.Add(users);
        var userId = Arg("userId", "User id, e-mail, or me");

        var status = new Option<string?>("--status") { Description = "active, inactive or pending" };
        var pageSize = new Option<int?>("--page-size") { Description = "Users per page (1-300)" };
        var all = new Option<bool>("--all") { Description = "Every page" };
        var license = new Option<string?>("--license") { Description = "Only users with this add-on licence: zoom_workforce_management or zoom_compliance_management" };
        users.Subcommands.Add(Cmd("list", "List users", c => { c.Options.Add(status); c.Options.Add(pageSize); c.Options.Add(all); c.Options.Add(license); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var options = new ListUsersOptions { Status = p.GetValue(status), PageSize = p.GetValue(pageSize), License = p.GetValue(license) };
            List<User> list;
            int? total = null;
            if (p.GetValue(all))
            {
                list = [];
                await foreach (var u in client.Users.ListAllAsync(options, ct)) list.Add(u);
            }
            else
            {
                var page = await client.Users.ListAsync(options, ct);
                list = page.Users;
                total = page.TotalRecords;
            }
            // the count goes to standard error: standard output holds only the rows
            Print(p, e, list, ["id", "email", "name", "type", "status"],
                list.Select(u => new[] { u.Id, u.Email, $"{u.FirstName} {u.LastName}".Trim(), u.Type.ToString(CultureInfo.InvariantCulture), u.Status }));
            if (!p.GetValue(Json) && total is { } n && n > list.Count)
                await e.Error.WriteLineAsync($"Showing {list.Count} of {Count(n, "user")}; --all lists every page, --page-size up to 300.");
            else if (!p.GetValue(Json) && total is { } count)
                await e.Error.WriteLineAsync($"{Count(count, "user")}.");
            return Ok;
        }, env));

        var byUniqueId = new Option<bool>("--by-employee-unique-id") { Description = "The argument is an SSO user's employee_unique_id" };
        users.Subcommands.Add(Cmd("get", "Show one user", c => { c.Arguments.Add(userId); c.Options.Add(byUniqueId); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var u = p.GetValue(byUniqueId)
                ? await client.Users.GetByEmployeeUniqueIdAsync(p.GetValue(userId)!, ct)
                : await client.Users.GetAsync(p.GetValue(userId)!, ct);
            Print(p, e, u, ["field", "value"], new[]
            {
                ("id", u.Id), ("email", u.Email), ("first_name", u.FirstName), ("last_name", u.LastName), ("type", u.Type.ToString(CultureInfo.InvariantCulture)),
                ("status", u.Status), ("role", u.RoleName), ("pmi", u.Pmi?.ToString(CultureInfo.InvariantCulture)), ("dept", u.Department), ("timezone", u.Timezone),
                ("created_at", Time(u.CreatedAt)),
            }.Select(f => new[] { f.Item1, f.Item2 }));
            return Ok;
        }, env));

        var email = new Option<string>("--email") { Description = "E-mail address", Required = true };
        var type = new Option<int>("--type") { Description = "1 Basic, 2 Licensed, 4 No Meetings License, 99 None", DefaultValueFactory = _ => 1 };
        var action = new Option<string>("--action") { Description = "create, autoCreate, custCreate or ssoCreate", DefaultValueFactory = _ => "custCreate" };
        var first = new Option<string?>("--first-name") { Description = "First name" };
        var last = new Option<string?>("--last-name") { Description = "Last name" };
        var password = new Option<string?>("--password") { Description = "Password (autoCreate)" };
        users.Subcommands.Add(Cmd("create", "Create a user", c => { foreach (var o in new Option[] { email, type, action, first, last, password }) c.Options.Add(o); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var created = await client.Users.CreateAsync(new CreateUserRequest
            {
                Action = p.GetValue(action)!,
                UserInfo = new NewUser { Email = p.GetValue(email)!, Type = p.GetValue(type), FirstName = p.GetValue(first), LastName = p.GetValue(last), Password = p.GetValue(password) },
            }, ct);
            Print(p, e, created, ["id", "email"], [[created.Id, created.Email]]);
            return Ok;
        }, env));

        var dept = new Option<string?>("--dept") { Description = "Department" };
        var jobTitle = new Option<string?>("--job-title") { Description = "Job title" };
        var userType = new Option<int?>("--type") { Description = "Plan type" };
        users.Subcommands.Add(Cmd("update", "Change profile fields (only those given)", c => { c.Arguments.Add(userId); foreach (var o in new Option[] { first, last, dept, jobTitle, userType }) c.Options.Add(o); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Users.UpdateAsync(p.GetValue(userId)!, new UpdateUserRequest
            {
                FirstName = p.GetValue(first), LastName = p.GetValue(last), Department = p.GetValue(dept), JobTitle = p.GetValue(jobTitle), Type = p.GetValue(userType),
            }, ct);
            await e.Out.WriteLineAsync("Updated.");
            return Ok;
        }, env));

        var deleteAction = new Option<string>("--action") { Description = "disassociate or delete", DefaultValueFactory = _ => "disassociate" };
        users.Subcommands.Add(Cmd("delete", "Disassociate or delete a user", c => { c.Arguments.Add(userId); c.Options.Add(deleteAction); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Users.DeleteAsync(p.GetValue(userId)!, new DeleteUserOptions { Action = p.GetValue(deleteAction) }, ct);
            await e.Out.WriteLineAsync("Deleted.");
            return Ok;
        }, env));

        var statusAction = new Argument<string>("action") { Description = "activate or deactivate" };
        statusAction.AcceptOnlyFromAmong("activate", "deactivate");
        users.Subcommands.Add(Cmd("status", "Activate or deactivate a user", c => { c.Arguments.Add(userId); c.Arguments.Add(statusAction); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Users.SetStatusAsync(p.GetValue(userId)!, p.GetValue(statusAction)!, ct);
            await e.Out.WriteLineAsync("Done.");
            return Ok;
        }, env));

        var newEmail = Arg("newEmail", "The new address");
        users.Subcommands.Add(Cmd("email", "Change a user's e-mail", c => { c.Arguments.Add(userId); c.Arguments.Add(newEmail); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Users.ChangeEmailAsync(p.GetValue(userId)!, p.GetValue(newEmail)!, ct);
            await e.Out.WriteLineAsync("Done.");
            return Ok;
        }, env));

        var newPassword = Arg("password", "The new password");
        users.Subcommands.Add(Cmd("password", "Set a user's password", c => { c.Arguments.Add(userId); c.Arguments.Add(newPassword); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Users.SetPasswordAsync(p.GetValue(userId)!, p.GetValue(newPassword)!, ct);
            await e.Out.WriteLineAsync("Done.");
            return Ok;
        }, env));

        users.Subcommands.Add(Cmd("permissions", "List a user's privileges", c => c.Arguments.Add(userId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var list = await client.Users.GetPermissionsAsync(p.GetValue(userId)!, ct);
            Print(p, e, list, ["permission"], list.Select(x => new[] { x }));
            return Ok;
        }, env));

        var tokenType = new Option<string>("--type") { Description = "token or zak", DefaultValueFactory = _ => "token" };
        var ttl = new Option<int?>("--ttl") { Description = "ZAK lifetime in seconds" };
        users.Subcommands.Add(Cmd("token", "Get a user's token or ZAK", c => { c.Arguments.Add(userId); c.Options.Add(tokenType); c.Options.Add(ttl); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var token = await client.Users.GetTokenAsync(p.GetValue(userId)!, p.GetValue(tokenType)!, p.GetValue(ttl) is { } s ? TimeSpan.FromSeconds(s) : null, ct);
            await e.Out.WriteLineAsync(token);
            return Ok;
        }, env));

        var file = Arg("file", "A JPEG or PNG of at most 2 MB");
        users.Subcommands.Add(Cmd("picture", "Upload a user's profile picture", c => { c.Arguments.Add(userId); c.Arguments.Add(file); }, async (p, e, ct) =>
        {
            var path = p.GetValue(file)!;
            if (!File.Exists(path)) throw new UsageException($"no such file: {path}");
            using var client = Client(p, e);
            await using var stream = File.OpenRead(path);
            await client.Users.UploadPictureAsync(p.GetValue(userId)!, stream, Path.GetFileName(path), ct);
            await e.Out.WriteLineAsync("Uploaded.");
            return Ok;
        }, env));

        users.Subcommands.Add(Cmd("picture-delete", "Delete a user's profile picture", c => c.Arguments.Add(userId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Users.DeletePictureAsync(p.GetValue(userId)!, ct);
            await e.Out.WriteLineAsync("Deleted.");
            return Ok;
        }, env));

        users.Subcommands.Add(Cmd("zak", "Get your own ZAK (valid five minutes)", _ => { }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await e.Out.WriteLineAsync(await client.Users.GetOwnZakAsync(ct));
            return Ok;
        }, env));

        users.Subcommands.Add(Cmd("summary", "Count the account's users by type and status", _ => { }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var s = await client.Users.GetSummaryAsync(ct);
            Print(p, e, s, ["users", "count"], new[]
            {
                ("licensed", s.LicensedUsers), ("basic", s.BasicUsers), ("on_prem", s.OnPremUsers), ("room", s.RoomUsers),
                ("join_only", s.JoinOnlyUsers), ("pending", s.PendingUsers), ("total", s.TotalUsers),
            }.Select(c => new[] { c.Item1, c.Item2.ToString(CultureInfo.InvariantCulture) }));
            return Ok;
        }, env));

        var backgrounds = new Command("backgrounds", "A user's Virtual Background files");
        users.Subcommands.Add(backgrounds);
        var backgroundFile = Arg("file", "A JPG/JPEG, GIF or PNG image or an MP4/MOV video of at most 15 MB");
        backgrounds.Subcommands.Add(Cmd("upload", "Upload a Virtual Background file", c => { c.Arguments.Add(userId); c.Arguments.Add(backgroundFile); }, async (p, e, ct) =>
        {
            var path = p.GetValue(backgroundFile)!;
            if (!File.Exists(path)) throw new UsageException($"no such file: {path}");
            using var client = Client(p, e);
            await using var stream = File.OpenRead(path);
            var made = await client.Users.UploadVirtualBackgroundAsync(p.GetValue(userId)!, stream, Path.GetFileName(path), ct);
            Print(p, e, made, ["id", "name", "type", "size"], [[made.Id, made.Name, made.Type, made.Size.ToString(CultureInfo.InvariantCulture)]]);
            return Ok;
        }, env));
        var fileIds = new Argument<string[]>("fileIds") { Description = "Ids of the files to delete", Arity = ArgumentArity.OneOrMore };
        backgrounds.Subcommands.Add(Cmd("delete", "Delete Virtual Background files", c => { c.Arguments.Add(userId); c.Arguments.Add(fileIds); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Users.DeleteVirtualBackgroundsAsync(p.GetValue(userId)!, p.GetValue(fileIds)!, ct);
            await e.Out.WriteLineAsync("Deleted.");
            return Ok;
        }, env));

        var presence = new Command("presence", "A user's presence status");
        users.Subcommands.Add(presence);
        presence.Subcommands.Add(Cmd("get", "Show a user's presence status", c => c.Arguments.Add(userId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var s = await client.Users.GetPresenceStatusAsync(p.GetValue(userId)!, ct);
            Print(p, e, s, ["status", "ends", "minutes left"], [[s.Status, Time(s.EndTime), s.RemainingTime?.ToString(CultureInfo.InvariantCulture)]]);
            return Ok;
        }, env));
        var presenceStatus = new Argument<string>("status") { Description = "Away, Do_Not_Disturb, Available, In_Calendar_Event, Presenting, In_A_Zoom_Meeting, On_A_Call, Out_of_Office or Busy" };
        var dndMinutes = new Option<int?>("--minutes") { Description = "How long Do_Not_Disturb lasts (20 to 1440; default 20)" };
        presence.Subcommands.Add(Cmd("set", "Set a user's presence status (once a minute per user)", c => { c.Arguments.Add(userId); c.Arguments.Add(presenceStatus); c.Options.Add(dndMinutes); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Users.SetPresenceStatusAsync(p.GetValue(userId)!, p.GetValue(presenceStatus)!,
                p.GetValue(dndMinutes) is { } m ? TimeSpan.FromMinutes(m) : null, ct);
            await e.Out.WriteLineAsync("Done.");
            return Ok;
        }, env));

        var settings = new Command("settings", "A user's settings");
        users.Subcommands.Add(settings);
        settings.Subcommands.Add(Cmd("get", "Print a user's settings (JSON)", c => c.Arguments.Add(userId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await e.Out.WriteLineAsync(JsonSerializer.Serialize(await client.Users.Settings.GetAsync(p.GetValue(userId)!, ct), Indented));
            return Ok;
        }, env));
        var patch = Arg("json", "The changes, as JSON or @file, e.g. '{\"in_meeting\":{\"chat\":true}}'");
        settings.Subcommands.Add(Cmd("update", "Change settings (only what the JSON names)", c => { c.Arguments.Add(userId); c.Arguments.Add(patch); }, async (p, e, ct) =>
        {
            var text = p.GetValue(patch)!;
            if (text.StartsWith('@')) text = await File.ReadAllTextAsync(text[1..], ct);
            UserSettings changes;
            try { changes = JsonSerializer.Deserialize<UserSettings>(text) ?? throw new UsageException("empty settings JSON"); }
            catch (JsonException x) { throw new UsageException($"settings JSON is not valid: {x.Message}"); }
            using var client = Client(p, e);
            await client.Users.Settings.UpdateAsync(p.GetValue(userId)!, changes, ct);
            await e.Out.WriteLineAsync("Updated.");
            return Ok;
        }, env));

        var assistants = new Command("assistants", "A user's assistants");
        users.Subcommands.Add(assistants);
        var assistant = Arg("assistant", "Assistant id or e-mail");
        assistants.Subcommands.Add(Cmd("list", "List assistants", c => c.Arguments.Add(userId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var list = await client.Users.Assistants.ListAsync(p.GetValue(userId)!, ct);
            Print(p, e, list, ["id", "email"], list.Select(a => new[] { a.Id, a.Email }));
            return Ok;
        }, env));
        assistants.Subcommands.Add(Cmd("add", "Add an assistant", c => { c.Arguments.Add(userId); c.Arguments.Add(assistant); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var who = p.GetValue(assistant)!;
            await client.Users.Assistants.AddAsync(p.GetValue(userId)!, [who.Contains('@') ? new AssistantRef { Email = who } : new AssistantRef { Id = who }], ct);
            await e.Out.WriteLineAsync("Added.");
            return Ok;
        }, env));
        assistants.Subcommands.Add(Cmd("delete", "Remove an assistant (by id)", c => { c.Arguments.Add(userId); c.Arguments.Add(assistant); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Users.Assistants.DeleteAsync(p.GetValue(userId)!, p.GetValue(assistant)!, ct);
            await e.Out.WriteLineAsync("Removed.");
            return Ok;
        }, env));

        var schedulers = new Command("schedulers", "Users a user schedules for");
        users.Subcommands.Add(schedulers);
        var scheduler = Arg("scheduler", "Scheduler id");
        schedulers.Subcommands.Add(Cmd("list", "List schedulers", c => c.Arguments.Add(userId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var list = await client.Users.Schedulers.ListAsync(p.GetValue(userId)!, ct);
            Print(p, e, list, ["id", "email", "pmi"], list.Select(s => new[] { s.Id, s.Email, s.Pmi?.ToString(CultureInfo.InvariantCulture) }));
            return Ok;
        }, env));
        schedulers.Subcommands.Add(Cmd("delete", "Stop scheduling for one user", c => { c.Arguments.Add(userId); c.Arguments.Add(scheduler); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Users.Schedulers.DeleteAsync(p.GetValue(userId)!, p.GetValue(scheduler)!, ct);
            await e.Out.WriteLineAsync("Removed.");
            return Ok;
        }, env));

        var from = new Option<string>("--from") { Description = "Current account id (me = the master)", DefaultValueFactory = _ => "me" };
        var to = new Option<string>("--to") { Description = "Destination sub account id", Required = true };
        users.Subcommands.Add(Cmd("switch-account", "Move a user to another sub account", c => { c.Arguments.Add(userId); c.Options.Add(from); c.Options.Add(to); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Users.SwitchAccountAsync(p.GetValue(userId)!, p.GetValue(from)!, p.GetValue(to)!, ct);
            await e.Out.WriteLineAsync("Moved.");
            return Ok;
        }, env));

        BulkCommands.Add(users, env, Client, Console);
        AddAccounts(root, env);
        AddGroups(root, env);
        AddRoles(root, env);
        SandboxCommands.Add(root, env, BaseUrl, ProfileName, p => p.GetValue(Json));
        AddWebhooks(root, env);
        return root;
    }
}
