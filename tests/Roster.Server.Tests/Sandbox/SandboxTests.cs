using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Roster.Server.Tests;

/// <summary>The sandbox's control plane: who may call it, reset, named snapshots, and restores that are atomic; on either engine.</summary>
public class SandboxTests
{
    /// <summary>Every sandbox call, with what it needs to succeed on a fresh store.</summary>
    public static readonly (string Op, string Method, string Path, object? Body)[] SandboxCalls =
    [
        ("sandboxReset", "POST", "/roster/v1/sandbox/reset", null),
        ("sandboxSnapshots", "GET", "/roster/v1/sandbox/snapshots", null),
        ("sandboxSaveSnapshot", "PUT", "/roster/v1/sandbox/snapshots/first", null),
        ("sandboxRestoreSnapshot", "POST", "/roster/v1/sandbox/snapshots/first/restore", null),
        ("sandboxDeleteSnapshot", "DELETE", "/roster/v1/sandbox/snapshots/first", null),
        ("sandboxClock", "GET", "/roster/v1/sandbox/clock", null),
        ("sandboxSetClock", "PUT", "/roster/v1/sandbox/clock", new { frozen = true }),
        ("sandboxAdvanceClock", "POST", "/roster/v1/sandbox/clock/advance", new { seconds = 60 }),
        ("sandboxRealTime", "DELETE", "/roster/v1/sandbox/clock", null),
        ("sandboxCreateAccount", "POST", "/roster/v1/sandbox/accounts", new { name = "matrix" }),
        ("sandboxDeleteAccount", "DELETE", "/roster/v1/sandbox/accounts/no-such-account", null),
        ("sandboxFaults", "GET", "/roster/v1/sandbox/faults", null),
        ("sandboxAddFault", "POST", "/roster/v1/sandbox/faults", new { fault = "server_error", path = "/nothing/here" }),
        ("sandboxDeleteFault", "DELETE", "/roster/v1/sandbox/faults/flt_none", null),
        ("sandboxClearFaults", "DELETE", "/roster/v1/sandbox/faults", null),
        ("sandboxJournal", "GET", "/roster/v1/sandbox/journal", null),
        ("sandboxVerify", "POST", "/roster/v1/sandbox/journal/verify", new { count = 0 }),
        ("sandboxClearJournal", "DELETE", "/roster/v1/sandbox/journal", null),
        ("sandboxSeed", "POST", "/roster/v1/sandbox/seed", new { users = Array.Empty<object>() }),
        ("sandboxExportSeed", "GET", "/roster/v1/sandbox/seed", null),
        ("sandboxSignIn", "POST", "/roster/v1/sandbox/users/owner@example.com/sign_in", new { client_type = "mac", version = "6.2.0.1234" }),
        ("sandboxSignOut", "POST", "/roster/v1/sandbox/users/owner@example.com/sign_out", new { client_type = "mac", version = "6.2.0.1234" }),
    ];

    /// <summary>The key the first start made and kept in the store's credentials file.</summary>
    internal static string AdminKey(RosterApp app)
    {
        _ = app.Services; // started (the first start writes the file)
        var file = Directory.GetFiles(app.DataDir, "credentials*.json").Single();
        return JsonNode.Parse(File.ReadAllText(file))!["sandbox_admin_key"]!.GetValue<string>();
    }

    [Fact]
    public async Task OnlyTheSandboxAdminKeyOpensTheControls()
    {
        await using var app = new RosterApp();
        var key = AdminKey(app);
        Assert.StartsWith("rsk_", key);
        using var admin = await app.ApiAsync(); // a Zoom token holding every admin scope
        using var anonymous = app.ApiWith("");
        using var wrong = app.ApiWith("rsk_" + new string('x', 32));
        using var sandbox = app.ApiWith(key);
        foreach (var (op, method, path, body) in SandboxCalls)
        {
            (await anonymous.Send(new HttpMethod(method), path, body)).IsError(401, 124);
            if (op is "sandboxReset" or "sandboxSnapshots")
                foreach (var refused in new[] { admin, wrong })
                    (await refused.Send(new HttpMethod(method), path, body)).IsError(401, 124);
            var allowed = await sandbox.Send(new HttpMethod(method), path, body);
            if (op == "sandboxDeleteAccount") allowed.IsError(404, 2001); // let in, and told the account does not exist
            else if (op == "sandboxDeleteFault") allowed.IsError(404, 3001);
            else Assert.True((int)allowed.Status is >= 200 and < 300, $"{op}: {allowed.Body}");
        }

        // guessing is throttled per address: after ten wrong keys, even the right one waits
        for (var i = 0; i < 10; i++) await wrong.Get("/roster/v1/sandbox/snapshots");
        var blocked = (await sandbox.Get("/roster/v1/sandbox/snapshots")).IsError(429, 429);
        Assert.True(blocked.Response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task AChosenKeyReplacesTheMadeOneAndTheControlsCanBeSwitchedOff()
    {
        await using (var chosen = new RosterApp(settings: new Dictionary<string, string> { ["ROSTER_ADMIN_KEY"] = "my-own-sandbox-key-0123" }))
        {
            _ = chosen.Server;
            using var sandbox = chosen.ApiWith("my-own-sandbox-key-0123");
            (await sandbox.Get("/roster/v1/sandbox/snapshots")).Is(HttpStatusCode.OK);
            Assert.False(JsonNode.Parse(File.ReadAllText(Directory.GetFiles(chosen.DataDir, "credentials*.json").Single()))!.AsObject().ContainsKey("sandbox_admin_key"));
        }
        await using var off = new RosterApp(settings: new Dictionary<string, string> { ["Sandbox:Enabled"] = "false" });
        using var any = off.ApiWith("anything");
        foreach (var (_, method, path, body) in SandboxCalls)
            Assert.Equal(HttpStatusCode.NotFound, (await any.Send(new HttpMethod(method), path, body)).Status);
    }

    /// <summary>Every row of the state, as text, in a fixed order (meta without what a restore keeps).</summary>
    static async Task<string> Dump(RosterApp app)
    {
        await using DbConnection connection = app.PostgresConnection is { } pg
            ? new NpgsqlConnection(pg)
            : new SqliteConnection($"Data Source={Path.Combine(app.DataDir, "roster.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var table in new[] { "accounts", "users", "user_counts", "assistants", "user_settings", "email_changes", "pictures", "oauth_apps", "oauth_grants", "daily_counters", "webhook_subscriptions", "meta" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = table == "meta"
                ? $"SELECT * FROM meta WHERE key NOT IN ({string.Join(", ", Domain.Sandbox.SandboxService.KeptMeta.Select(k => $"'{k}'"))})"
                : $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅"
                    : reader.GetValue(i) is byte[] b ? Convert.ToBase64String(b) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            text.Append(table).Append('\n');
            foreach (var row in rows.Order(StringComparer.Ordinal)) text.Append(row).Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public async Task ResetGoesBackToExactlyTheBootstrapState()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(AdminKey(app));
        var bootstrap = await Dump(app);
        using var api = await app.ApiAsync();

        // change a bit of everything
        var ada = await api.CreateUser("ada@example.com", type: 2);
        var bob = await api.CreateUser("bob@example.com", type: 2);
        (await api.Patch($"/v2/users/{ada}", new { dept = "Math", job_title = "Analyst" })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{ada}/settings", new { in_meeting = new { chat = false } })).Is(HttpStatusCode.NoContent);
        (await api.Post($"/v2/users/{ada}/assistants", new { assistants = new[] { new { email = "bob@example.com" } } })).Is(HttpStatusCode.Created);
        (await api.Put($"/v2/users/{bob}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        (await api.Post("/v2/users", new { action = "create", user_info = new { email = "pending@example.com", type = 1 } })).Is(HttpStatusCode.Created);
        await app.SubAccountAsync(api, "boss@tenant.test");
        Assert.NotEqual(bootstrap, await Dump(app));

        var reset = (await sandbox.Post("/roster/v1/sandbox/reset", null)).Is(HttpStatusCode.OK).Json;
        Assert.Equal("bootstrap", reset["snapshot"]!["name"]!.GetValue<string>());
        Assert.Equal(bootstrap, await Dump(app));

        // the credentials in hand keep working; what was made since is gone; the store lives on
        (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK);
        (await api.Get($"/v2/users/{ada}")).IsError(404, 1001);
        Assert.Equal(1, (await api.Get("/v2/users?page_size=1")).Json["total_records"]!.GetValue<int>());
        await api.CreateUser("ada@example.com", type: 2);
        // the outbox starts afresh (on PostgreSQL an event shows once older transactions anywhere have ended: wait for it)
        JsonArray events = [];
        for (var i = 0; i < 100 && events.Count == 0; i++)
        {
            events = (await api.Get("/roster/v1/events?page_size=300")).Json["events"]!.AsArray();
            if (events.Count == 0) await Task.Delay(100);
        }
        Assert.Equal(["user.created"], events.Select(e => e!["event"]!.GetValue<string>()));
    }

    [Fact]
    public async Task NamedSnapshotsSaveListRestoreAndDelete()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(AdminKey(app));
        using var api = await app.ApiAsync();
        await api.CreateUser("one@example.com");
        await api.CreateUser("two@example.com");
        var saved = (await sandbox.Put("/roster/v1/sandbox/snapshots/two-users", null)).Is(HttpStatusCode.Created).Json;
        Assert.Equal(3, saved["users"]!.GetValue<int>());
        await api.CreateUser("three@example.com");

        var list = (await sandbox.Get("/roster/v1/sandbox/snapshots")).Is(HttpStatusCode.OK).Json["snapshots"]!.AsArray();
        Assert.Equal(["bootstrap", "two-users"], list.Select(s => s!["name"]!.GetValue<string>()));
        Assert.All(list, s => Assert.True(s!["restorable"]!.GetValue<bool>()));

        (await sandbox.Post("/roster/v1/sandbox/snapshots/two-users/restore", null)).Is(HttpStatusCode.OK);
        var emails = (await api.Get("/v2/users?page_size=300")).Json["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()).Order();
        Assert.Equal(["one@example.com", "owner@example.com", "two@example.com"], emails);

        (await sandbox.Delete("/roster/v1/sandbox/snapshots/two-users")).Is(HttpStatusCode.NoContent);
        (await sandbox.Post("/roster/v1/sandbox/snapshots/two-users/restore", null)).IsError(404, 3001);
        (await sandbox.Delete("/roster/v1/sandbox/snapshots/two-users")).IsError(404, 3001);
        foreach (var bad in new[] { "Upper", "has space", "-lead", new string('a', 65), "bootstrap" })
            (await sandbox.Put($"/roster/v1/sandbox/snapshots/{Uri.EscapeDataString(bad)}", null)).IsError(400, 300);
        (await sandbox.Delete("/roster/v1/sandbox/snapshots/bootstrap")).IsError(400, 300);
    }

    [Fact]
    public async Task TheAppsCurrentSecretOutlivesAReset()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(AdminKey(app));
        var (_, _, secret, _) = await app.Services.GetRequiredService<Domain.Accounts.AppsService>().RotatePrimarySecretAsync();
        (await sandbox.Post("/roster/v1/sandbox/reset", null)).Is(HttpStatusCode.OK);
        using var api = app.ApiWith(await app.TokenAsync(secret: secret));
        (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK);
    }

    /// <summary>Readers during restores see one whole state or the other, never a mix.</summary>
    [Fact]
    public async Task ARestoreDuringTrafficIsAtomic()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(AdminKey(app));
        using var api = await app.ApiAsync();
        for (var i = 0; i < 4; i++) await api.CreateUser($"small{i}@example.com");
        (await sandbox.Put("/roster/v1/sandbox/snapshots/small", null)).Is(HttpStatusCode.Created);
        for (var i = 0; i < 12; i++) await api.CreateUser($"big{i}@example.com");
        (await sandbox.Put("/roster/v1/sandbox/snapshots/big", null)).Is(HttpStatusCode.Created);

        using var stop = new CancellationTokenSource();
        var seen = new List<(int Total, int Listed)>();
        async Task Read()
        {
            while (!stop.IsCancellationRequested)
            {
                var page = (await api.Get("/v2/users?page_size=300")).Is(HttpStatusCode.OK).Json;
                lock (seen) seen.Add((page["total_records"]!.GetValue<int>(), page["users"]!.AsArray().Count));
            }
        }
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(Read)).ToList();
        for (var round = 0; round < 6; round++)
            (await sandbox.Post($"/roster/v1/sandbox/snapshots/{(round % 2 == 0 ? "small" : "big")}/restore", null)).Is(HttpStatusCode.OK);
        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.Contains(s, new[] { (5, 5), (17, 17) }));
    }

    // ---- per-test accounts ----

    [Fact]
    public async Task PerTestAccountsAreIsolatedAndGoCompletely()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(AdminKey(app));
        async Task<(Api Api, string AccountId)> TestAccount(string name)
        {
            var made = (await sandbox.Post("/roster/v1/sandbox/accounts", new { name })).Is(HttpStatusCode.Created).Json;
            Assert.Equal(name, made["account_name"]!.GetValue<string>());
            var id = made["account_id"]!.GetValue<string>();
            return (app.ApiWith(await app.TokenAsync(made["client_id"]!.GetValue<string>(), made["client_secret"]!.GetValue<string>(), id)), id);
        }
        var (a, aId) = await TestAccount("test A");
        var (b, bId) = await TestAccount("test B");
        using (a)
        using (b)
        {
            var aUser = await a.CreateUser("a-user@example.com", type: 2);
            await b.CreateUser("b-user@example.com", type: 2);
            await a.CreateUser("a-helper@example.com", type: 2);
            (await a.Post($"/v2/users/{aUser}/assistants", new { assistants = new[] { new { email = "a-helper@example.com" } } })).Is(HttpStatusCode.Created);
            (await a.Patch($"/v2/users/{aUser}/settings", new { in_meeting = new { chat = false } })).Is(HttpStatusCode.NoContent);
            static async Task<string[]> Emails(Api api) => [.. (await api.Get("/v2/users?page_size=300")).Json["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()).Where(e => !e.StartsWith("owner", StringComparison.Ordinal)).Order()];
            Assert.Equal(["a-helper@example.com", "a-user@example.com"], await Emails(a));
            Assert.Equal(["b-user@example.com"], await Emails(b));
            using var primary = await app.ApiAsync();
            Assert.Empty(await Emails(primary));
            (await b.Get("/v2/users/a-user@example.com")).IsError(404, 1001);

            (await sandbox.Delete($"/roster/v1/sandbox/accounts/{aId}")).Is(HttpStatusCode.NoContent);
            (await a.Get("/v2/users/me")).IsError(401, 124); // its app is gone
            Assert.Equal(["b-user@example.com"], await Emails(b));
            // the e-mail is free again: nothing of A is left
            await b.CreateUser("a-user@example.com", type: 2);
            (await sandbox.Delete($"/roster/v1/sandbox/accounts/{aId}")).IsError(404, 2001);
            (await sandbox.Delete($"/roster/v1/sandbox/accounts/{RosterApp.AccountId}")).IsError(400, 300);
            var (sub, _, _) = await app.SubAccountAsync(primary, "boss@tenant.test");
            var subId = (await sub.Get("/v2/users/me")).Json["account_id"]!.GetValue<string>();
            (await sandbox.Delete($"/roster/v1/sandbox/accounts/{subId}")).IsError(400, 300);
            (await sandbox.Post("/roster/v1/sandbox/accounts", new { name = new string('x', 65) })).IsError(400, 300);
            (await sandbox.Post("/roster/v1/sandbox/accounts", null)).Is(HttpStatusCode.Created);
        }
    }

    // ---- the virtual clock ----

    static DateTimeOffset Now(JsonNode clock) => DateTimeOffset.Parse(clock["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AdvancingTheClockExpiresAccessTokens()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(AdminKey(app));
        using var api = await app.ApiAsync();
        (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK);
        (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 3601 })).Is(HttpStatusCode.OK);
        var expired = (await api.Get("/v2/users/me")).IsError(401, 124);
        Assert.Equal("Access token is expired.", expired.Json["message"]!.GetValue<string>());
        using var fresh = await app.ApiAsync();
        (await fresh.Get("/v2/users/me")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdvancingTheClockExpiresPageTokens()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(AdminKey(app));
        using var api = await app.ApiAsync();
        await api.CreateUser("p1@example.com");
        var next = (await api.Get("/v2/users?page_size=1")).Json["next_page_token"]!.GetValue<string>();
        (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 14 * 60 })).Is(HttpStatusCode.OK);
        using var later = await app.ApiAsync();
        (await later.Get($"/v2/users?page_size=1&next_page_token={Uri.EscapeDataString(next)}")).Is(HttpStatusCode.OK);
        (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 2 * 60 })).Is(HttpStatusCode.OK);
        (await later.Get($"/v2/users?page_size=1&next_page_token={Uri.EscapeDataString(next)}")).IsError(400, 300);
    }

    /// <summary>The daily invitation quota resets when the store's day turns, and a frozen second never ends.</summary>
    [Fact]
    public async Task DailyQuotasAndRateWindowsRunOnTheStoresClock()
    {
        await using var app = new RosterApp(rateLimits: true, rateFactor: 0.002); // Pro: 1500 invitations a day -> 3
        app.Clock.Now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        using var sandbox = app.ApiWith(AdminKey(app));
        using var master = await app.ApiAsync();
        var (pro, proId, _) = await app.SubAccountAsync(master, "boss@clock.test", plan: "pro", seats: 50);
        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await pro.CreateUser($"i{i}@clock.test", action: "create");
        }
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await pro.Post("/v2/users", new { action = "create", user_info = new { email = "i3@clock.test", type = 1 } })).IsError(429, 429);

        // the next day on the store's clock (real time has not moved): the quota is fresh
        (await sandbox.Put("/roster/v1/sandbox/clock", new { now = "2026-12-01T00:00:05Z", frozen = true })).Is(HttpStatusCode.OK);
        using var nextDay = await app.AppAsync(await app.ApiAsync(), proId, null);
        (await nextDay.Post("/v2/users", new { action = "create", user_info = new { email = "i3@clock.test", type = 1 } })).Is(HttpStatusCode.Created);

        // frozen, the second never ends: the per-second window fills and stays full until the clock moves
        HttpStatusCode last = HttpStatusCode.OK;
        for (var i = 0; i < 50 && last != HttpStatusCode.TooManyRequests; i++) last = (await nextDay.Get("/v2/users")).Status;
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        app.Clock.Advance(TimeSpan.FromSeconds(5)); // real time moves: the frozen store clock does not
        Assert.Equal(HttpStatusCode.TooManyRequests, (await nextDay.Get("/v2/users")).Status);
        (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 1 })).Is(HttpStatusCode.OK);
        (await nextDay.Get("/v2/users")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdvancingTheClockExpiresZaks()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(AdminKey(app));
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("zak@example.com", type: 2);
        var zak = (await api.Get($"/v2/users/{id}/token?type=zak")).Is(HttpStatusCode.OK).Json["token"]!.GetValue<string>();
        var check = (await api.Post("/roster/v1/tokens/verify", new { token = zak })).Is(HttpStatusCode.OK).Json;
        Assert.True(check["active"]!.GetValue<bool>());
        var expires = DateTimeOffset.FromUnixTimeSeconds(check["exp"]!.GetValue<long>()); // 2 hours, or 90 days for an API user
        (await sandbox.Put("/roster/v1/sandbox/clock", new { now = expires.AddSeconds(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture) })).Is(HttpStatusCode.OK);
        using var later = await app.ApiAsync();
        Assert.False((await later.Post("/roster/v1/tokens/verify", new { token = zak })).Is(HttpStatusCode.OK).Json["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AdvancingTheClockExpiresInvitations()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(AdminKey(app));
        using var api = await app.ApiAsync();
        (await api.Post("/v2/users", new { action = "create", user_info = new { email = "late@example.com", type = 1 } })).Is(HttpStatusCode.Created);
        var link = new Uri((await api.Get("/roster/v1/invitations")).Json["invitations"]![0]!["link"]!.GetValue<string>());
        using var browser = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link.PathAndQuery)).StatusCode);
        (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = TimeSpan.FromDays(30).TotalSeconds + 1 })).Is(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(link.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task TheEmailChangeWindowFollowsTheClock()
    {
        await using var app = new RosterApp();
        using var sandbox = app.ApiWith(AdminKey(app));
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("e0@example.com");
        for (var i = 1; i <= 3; i++) (await api.Put($"/v2/users/{id}/email", new { email = $"e{i}@example.com" })).Is(HttpStatusCode.NoContent);
        (await api.Put($"/v2/users/{id}/email", new { email = "e4@example.com" })).IsError(400, 300);
        (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 24 * 3600 + 1 })).Is(HttpStatusCode.OK);
        using var later = await app.ApiAsync(); // the old token expired a day ago
        (await later.Put($"/v2/users/{id}/email", new { email = "e4@example.com" })).Is(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task TheClockCanBeSetFrozenReleasedAndGivenBack()
    {
        await using var app = new RosterApp();
        app.Clock.Now = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero); // whole milliseconds, as the clock shows them
        using var sandbox = app.ApiWith(AdminKey(app));
        var set = (await sandbox.Put("/roster/v1/sandbox/clock", new { now = "2030-01-01T00:00:00Z", frozen = true })).Is(HttpStatusCode.OK).Json;
        using var api = await app.ApiAsync(); // issued in 2030
        var at = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal((at, true, false), (Now(set), set["frozen"]!.GetValue<bool>(), set["real_time"]!.GetValue<bool>()));
        var id = await api.CreateUser("then@example.com");
        Assert.Equal(at, DateTimeOffset.Parse((await api.Get($"/v2/users/{id}")).Json["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        app.Clock.Advance(TimeSpan.FromMinutes(5)); // real time passes; a frozen clock does not
        Assert.Equal(at, Now((await sandbox.Get("/roster/v1/sandbox/clock")).Is(HttpStatusCode.OK).Json));
        (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 90 })).Is(HttpStatusCode.OK);
        Assert.Equal(at.AddSeconds(90), Now((await sandbox.Get("/roster/v1/sandbox/clock")).Json));

        // released, it runs on from where it stood
        (await sandbox.Put("/roster/v1/sandbox/clock", new { frozen = false })).Is(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(at.AddSeconds(100), Now((await sandbox.Get("/roster/v1/sandbox/clock")).Json));

        var real = (await sandbox.Delete("/roster/v1/sandbox/clock")).Is(HttpStatusCode.OK).Json;
        Assert.Equal((app.Clock.Now, true, 0.0), (Now(real), real["real_time"]!.GetValue<bool>(), real["offset_seconds"]!.GetValue<double>()));

        // a reset gives real time back too
        (await sandbox.Post("/roster/v1/sandbox/clock/advance", new { seconds = 600 })).Is(HttpStatusCode.OK);
        (await sandbox.Post("/roster/v1/sandbox/reset", null)).Is(HttpStatusCode.OK);
        Assert.True((await sandbox.Get("/roster/v1/sandbox/clock")).Json["real_time"]!.GetValue<bool>());

        foreach (var bad in new object[] { new { seconds = 0 }, new { seconds = -5 }, new { seconds = 1e12 }, new { } })
            (await sandbox.Post("/roster/v1/sandbox/clock/advance", bad)).IsError(400, 300);
        (await sandbox.Put("/roster/v1/sandbox/clock", new { now = "not a time" })).IsError(400, 300);
    }
}
