using System.Text.Json.Nodes;
using Roster.Client;
using Roster.Server.Tests;

namespace Roster.Cli.Tests;

/// <summary>Every command of <c>roster</c> against a real Roster server in process.</summary>
public sealed partial class CliTests : IAsyncLifetime
{
    readonly RosterApp _app = new();
    readonly string _dir = TestTemp.NewFolder("roster-cli");
    readonly Dictionary<string, string> _vars = new();

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _vars["ROSTER_BASE_URL"] = new Uri(_app.Server.BaseAddress, "/v2").ToString();
        _vars["ZOOM_ACCOUNT_ID"] = RosterApp.AccountId;
        _vars["ZOOM_CLIENT_ID"] = RosterApp.ClientId;
        _vars["ZOOM_CLIENT_SECRET"] = RosterApp.ClientSecret;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    Task<(int Code, string Out, string Err)> Run(params string[] args) => RunOn(false, Path.Combine(_dir, "profiles.json"), args);

    /// <summary>The CLI with standard output a terminal or not, and its profiles at <paramref name="profiles"/>.</summary>
    async Task<(int Code, string Out, string Err)> RunOn(bool terminal, string profiles, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CliEnvironment
        {
            Out = output, Error = error, Variable = v => _vars.GetValueOrDefault(v), ProfilePath = profiles, OutIsTerminal = terminal,
            ClientFactory = o => new ZoomClient(_app.CreateClient(), o),
            SandboxFactory = (url, key) => new RosterSandboxClient(url, key, _app.CreateClient()),
        };
        var code = await Cli.RunAsync(args, env);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task UserCommandsWorkEndToEnd()
    {
        var (code, outText, _) = await Run("users", "create", "--email", "ada@example.com", "--type", "2", "--first-name", "Ada", "--json");
        Assert.Equal(0, code);
        var id = JsonNode.Parse(outText)!["id"]!.GetValue<string>();
        await Run("users", "create", "--email", "bob@example.com", "--type", "2");

        (code, outText, var errText) = await Run("users", "list");
        Assert.Equal(0, code);
        // not a terminal: tab-separated lines, a header and one per user; the total goes to standard error
        var tsv = outText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal(["id", "email", "name", "type", "status"], tsv[0]);
        Assert.Equal(["ada@example.com", "bob@example.com", "owner@example.com"], tsv.Skip(1).Select(r => r[1]).Order());
        Assert.All(tsv, r => Assert.Equal(5, r.Length));
        Assert.Contains("users.", errText);
        (code, _, errText) = await Run("users", "list", "--page-size", "2");
        Assert.Equal(0, code);
        Assert.Contains("--all", errText);
        (code, outText, _) = await Run("users", "get", "ada@example.com", "--json");
        Assert.Equal("Ada", JsonNode.Parse(outText)!["first_name"]!.GetValue<string>());
        Assert.Equal(0, (await Run("users", "update", id, "--dept", "Math")).Code);
        (_, outText, _) = await Run("users", "get", id);
        Assert.Contains("Math", outText);
        Assert.Equal(0, (await Run("users", "status", id, "deactivate")).Code);
        Assert.Equal(0, (await Run("users", "status", id, "activate")).Code);
        Assert.Equal(0, (await Run("users", "email", id, "ada.l@example.com")).Code);
        (code, outText, _) = await Run("users", "permissions", id);
        Assert.Contains("Profile:Edit", outText);
        (code, outText, _) = await Run("users", "token", id, "--type", "zak", "--ttl", "600");
        Assert.Equal(0, code);
        Assert.True(outText.Trim().Length > 20);
        Assert.Equal(0, (await Run("users", "assistants", "add", id, "bob@example.com")).Code);
        (_, outText, _) = await Run("users", "assistants", "list", id);
        Assert.Contains("bob@example.com", outText);
        (_, outText, _) = await Run("users", "schedulers", "list", "bob@example.com");
        Assert.Contains("ada.l@example.com", outText);
        var bobId = JsonNode.Parse((await Run("users", "get", "bob@example.com", "--json")).Out)!["id"]!.GetValue<string>();
        Assert.Equal(0, (await Run("users", "assistants", "delete", id, bobId)).Code);
        Assert.Equal(0, (await Run("users", "settings", "update", id, "{\"in_meeting\":{\"chat\":true}}")).Code);
        (_, outText, _) = await Run("users", "settings", "get", id);
        Assert.True(JsonNode.Parse(outText)!["in_meeting"]!["chat"]!.GetValue<bool>());
        var pic = Path.Combine(_dir, "ada.png");
        await File.WriteAllBytesAsync(pic, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        Assert.Equal(0, (await Run("users", "picture", id, pic)).Code);
        Assert.NotEqual("", JsonNode.Parse((await Run("users", "get", id, "--json")).Out)!["pic_url"]!.GetValue<string>());
        Assert.Equal(0, (await Run("users", "picture-delete", id)).Code);
        Assert.Equal(1, (await Run("users", "backgrounds", "upload", id, pic)).Code); // the feature is off for ada
        Assert.Equal(0, (await Run("users", "settings", "update", id, "{\"in_meeting\":{\"virtual_background\":true}}")).Code);
        (code, outText, _) = await Run("users", "backgrounds", "upload", id, pic, "--json");
        Assert.Equal(0, code);
        var background = JsonNode.Parse(outText)!["id"]!.GetValue<string>();
        Assert.Equal(0, (await Run("users", "backgrounds", "delete", id, background)).Code);
        Assert.Equal("", JsonNode.Parse((await Run("users", "get", id, "--json")).Out)!["pic_url"]!.GetValue<string>());
        Assert.Equal(0, (await Run("users", "presence", "set", id, "Do_Not_Disturb", "--minutes", "45")).Code);
        (code, outText, _) = await Run("users", "presence", "get", id, "--json");
        Assert.Equal(0, code);
        var presence = JsonNode.Parse(outText)!;
        Assert.Equal("Do_Not_Disturb", presence["status"]!.GetValue<string>());
        (code, outText, _) = await Run("users", "summary", "--json");
        Assert.Equal(0, code);
        var summary = JsonNode.Parse(outText)!.AsObject();
        var total = summary["total_users_count"]!.GetValue<long>();
        Assert.Equal(3, total); // the owner, ada and bob
        (code, outText, _) = await Run("users", "zak");
        Assert.Equal(0, code);
        Assert.False(string.IsNullOrWhiteSpace(outText));
        Assert.Equal(0, (await Run("users", "delete", id, "--action", "delete")).Code);
    }

    [Fact]
    public async Task AccountCommandsWork()
    {
        var (code, outText, _) = await Run("accounts", "create", "--owner-email", "boss@cli-sub.test", "--first-name", "Boss", "--last-name", "Sub",
            "--password", "Secur3Pass!x", "--name", "CLI Sub", "--json");
        Assert.Equal(0, code);
        var id = JsonNode.Parse(outText)!["id"]!.GetValue<string>();
        (code, outText, _) = await Run("accounts", "list", "--json");
        Assert.Equal(0, code);
        Assert.Equal(id, JsonNode.Parse(outText)![0]!["id"]!.GetValue<string>());
        Assert.Equal(0, (await Run("accounts", "options", id, "--share-rc", "true", "--pay-mode", "sub")).Code);
        (code, outText, _) = await Run("accounts", "get", id, "--json");
        var options = JsonNode.Parse(outText)!["options"]!;
        Assert.Equal((true, "sub"), (options["share_rc"]!.GetValue<bool>(), options["pay_mode"]!.GetValue<string>()));
        Assert.Equal(1, (await Run("accounts", "options", id, "--pay-mode", "nobody")).Code);
        (code, outText, _) = await Run("accounts", "domains", "--json");
        Assert.Equal("example.com", JsonNode.Parse(outText)![0]!["domain"]!.GetValue<string>());
        Assert.Equal(0, (await Run("accounts", "disassociate", id)).Code);
        Assert.Equal(1, (await Run("accounts", "get", id)).Code);
    }

    [Fact]
    public async Task ExitCodesSayWhatWentWrong()
    {
        var (code, _, err) = await Run("users", "get", "nobody@example.com");
        Assert.Equal(1, code);
        Assert.Contains("1001", err);
        (code, _, err) = await Run("users", "create", "--email", "x@example.com", "--type", "7");
        Assert.Equal(1, code);
        Assert.Contains("user_info.type", err);
        Assert.Equal(2, (await Run("users", "frobnicate")).Code);
        Assert.Equal(2, (await Run("users", "status", "me", "sleep")).Code);
        _vars.Remove("ZOOM_CLIENT_SECRET");
        (code, _, err) = await Run("users", "list");
        Assert.Equal(2, code);
        Assert.Contains("credentials", err);
    }

    [Fact]
    public async Task LoginSavesAProfileWithoutPrintingTheSecret()
    {
        var (code, outText, _) = await Run("login", "--profile", "sandbox");
        Assert.Equal(0, code);
        Assert.Contains("owner@example.com", outText);
        Assert.DoesNotContain(RosterApp.ClientSecret, outText);
        var path = Path.Combine(_dir, "profiles.json");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        _vars.Clear();
        Assert.Equal(0, (await Run("users", "get", "me", "--profile", "sandbox")).Code);
    }

    [Fact]
    public async Task ImportResumesAndSummarisesFailuresAndExportWritesCsv()
    {
        var csv = Path.Combine(_dir, "users.csv");
        await File.WriteAllLinesAsync(csv,
        [
            "email,first_name,last_name,type",
            "a1@example.com,A,One,1",
            "a2@example.com,A,Two,1",
            "not-an-email,B,Bad,1",
            "a3@example.com,A,Three,7",
            "a4@example.com,A,Four,2",
        ]);
        var (code, outText, errText) = await Run("users", "import", csv, "--concurrency", "3", "--json");
        Assert.Equal(1, code);
        // --json: standard output is JSON lines only (one per row, then the summary); progress went to standard error
        var results = outText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Contains("Importing", errText);
        var summary = results[^1]["summary"]!;
        Assert.Equal((3, 0, 0, 2), (summary["created"]!.GetValue<int>(), summary["exists"]!.GetValue<int>(), summary["skipped"]!.GetValue<int>(), summary["failed"]!.GetValue<int>()));
        var badType = results.Single(r => r["email"]?.GetValue<string>() == "a3@example.com");
        Assert.Equal("failed", badType["result"]!.GetValue<string>());
        Assert.Equal("user_info.type", badType["errors"]![0]!["field"]!.GetValue<string>());

        // the failed rows, with their reasons, in a file that can be fixed and imported again
        var failedPath = summary["failed_rows"]!.GetValue<string>();
        var failed = await File.ReadAllLinesAsync(failedPath);
        Assert.Equal("email,first_name,last_name,type,action,password,error", failed[0]);
        Assert.Equal(3, failed.Length);
        Assert.StartsWith("not-an-email,", failed[1]);
        Assert.Contains("user_info.type: Invalid field.", failed[2]);
        failed[1] = "b@example.com,B,Good,1,,,";
        failed[2] = failed[2].Replace(",7,", ",1,");
        await File.WriteAllLinesAsync(failedPath, failed);
        (code, outText, _) = await Run("users", "import", failedPath, "--json");
        Assert.Equal(0, code);
        Assert.Equal(2, JsonNode.Parse(outText.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!["summary"]!["created"]!.GetValue<int>());
        Assert.False(File.Exists(failedPath + ".failed.csv"));

        // running the first file again skips what landed and fails the same two rows, in text this time
        (code, outText, _) = await Run("users", "import", csv);
        Assert.Equal(1, code);
        Assert.Contains("user_info.type: Invalid field.", outText);

        // columns are matched by name, in any order and case
        var reordered = Path.Combine(_dir, "reordered.csv");
        await File.WriteAllLinesAsync(reordered, ["Type,Last_Name,EMAIL", "2,Order,c9@example.com"]);
        (code, outText, _) = await Run("users", "import", reordered, "--json");
        Assert.Equal(0, code);
        Assert.Equal(1, JsonNode.Parse(outText.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!["summary"]!["created"]!.GetValue<int>());
        (_, outText, _) = await Run("users", "get", "c9@example.com", "--json");
        Assert.Equal(("Order", 2), (JsonNode.Parse(outText)!["last_name"]!.GetValue<string>(), JsonNode.Parse(outText)!["type"]!.GetValue<int>()));

        var exported = Path.Combine(_dir, "out.csv");
        Assert.Equal(0, (await Run("users", "export", "--out", exported)).Code);
        var rows = await File.ReadAllLinesAsync(exported);
        Assert.Equal("email,first_name,last_name,type", rows[0]);
        Assert.Equal(7, rows.Length - 1); // the owner and the six imported users
        (code, outText, _) = await Run("users", "export", "--json");
        Assert.Equal(0, code);
        var exportedJson = outText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(7, exportedJson.Count);
        Assert.Contains(exportedJson, u => u!["email"]!.GetValue<string>() == "b@example.com");
        Assert.Equal(2, (await Run("users", "import", Path.Combine(_dir, "missing.csv"))).Code);
    }

    [Fact]
    public async Task ExportThenImportElsewhereThenExportGivesTheSameBytes()
    {
        foreach (var (email, first, last, type) in new[]
        {
            ("quote@example.com", "Ann \"Nan\"", "O'Neil, Jr.", 2), ("uni@example.com", "Zoë", "Łukasiewicz", 1),
            ("plain@example.com", "Plain", "", 1), ("nolast@example.com", "", "Only", 2),
        })
            Assert.Equal(0, (await Run("users", "create", "--email", email, "--type", type.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--first-name", first, "--last-name", last)).Code);
        var first1 = Path.Combine(_dir, "first.csv");
        Assert.Equal(0, (await Run("users", "export", "--out", first1)).Code);

        // another, empty store: the same owner is there already ("exists"), the rest are created in file order
        await using var other = new RosterApp();
        var vars = new Dictionary<string, string>(_vars) { ["ROSTER_BASE_URL"] = new Uri(other.Server.BaseAddress, "/v2").ToString() };
        async Task<(int Code, string Out)> RunOn(params string[] args)
        {
            var output = new StringWriter();
            var env = new CliEnvironment
            {
                Out = output, Error = new StringWriter(), Variable = v => vars.GetValueOrDefault(v), ProfilePath = Path.Combine(_dir, "profiles.json"),
                ClientFactory = o => new ZoomClient(other.CreateClient(), o),
            };
            return (await Cli.RunAsync(args, env), output.ToString());
        }
        var (code, outText) = await RunOn("users", "import", first1, "--concurrency", "1", "--json");
        Assert.Equal(0, code);
        var summary = JsonNode.Parse(outText.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!["summary"]!;
        Assert.Equal((4, 1), (summary["created"]!.GetValue<int>(), summary["exists"]!.GetValue<int>()));
        var second = Path.Combine(_dir, "second.csv");
        Assert.Equal(0, (await RunOn("users", "export", "--out", second)).Code);
        Assert.Equal(await File.ReadAllBytesAsync(first1), await File.ReadAllBytesAsync(second));
    }

    [Fact]
    public async Task SandboxCommandsTakeTheAdminKey()
    {
        (var code, _, var errText) = await Run("sandbox", "reset");
        Assert.Equal(2, code); // no key
        Assert.Contains("ROSTER_ADMIN_KEY", errText);
        _vars["ROSTER_ADMIN_KEY"] = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Directory.GetFiles(_app.DataDir, "credentials*.json").Single()))!["sandbox_admin_key"]!.GetValue<string>();

        Assert.Equal(0, (await Run("users", "create", "--email", "snap@example.com", "--type", "1")).Code);
        (code, var outText, _) = await Run("sandbox", "snapshots", "save", "with-snap", "--json");
        Assert.Equal(0, code);
        Assert.Equal(2, JsonNode.Parse(outText)!["users"]!.GetValue<int>());
        (code, outText, _) = await Run("sandbox", "reset", "--json");
        Assert.Equal((0, "bootstrap"), (code, JsonNode.Parse(outText)!["snapshot"]!["name"]!.GetValue<string>()));
        (code, outText, _) = await Run("sandbox", "snapshots", "restore", "with-snap");
        Assert.Equal(0, code);
        Assert.Equal(0, (await Run("users", "get", "snap@example.com")).Code);
        Assert.Equal(0, (await Run("sandbox", "sign-in", "owner@example.com", "--client", "linux", "--client-version", "6.3.0")).Code);
        Assert.Equal("6.3.0(linux)", JsonNode.Parse((await Run("users", "get", "me", "--json")).Out)!["last_client_version"]!.GetValue<string>());
        Assert.Equal(0, (await Run("sandbox", "sign-out", "owner@example.com", "--client", "linux", "--client-version", "6.3.0")).Code);
        Assert.Equal(1, (await Run("sandbox", "sign-in", "owner@example.com", "--client", "toaster", "--client-version", "1")).Code);

        (code, outText, _) = await Run("sandbox", "clock", "advance", "90", "--json");
        Assert.Equal((0, 90.0), (code, JsonNode.Parse(outText)!["offset_seconds"]!.GetValue<double>()));
        Assert.Equal(2, (await Run("sandbox", "clock", "advance", "-5")).Code);
        (code, outText, _) = await Run("sandbox", "clock", "real", "--json");
        Assert.True(JsonNode.Parse(outText)!["real_time"]!.GetValue<bool>());
        (code, outText, _) = await Run("sandbox", "accounts", "create", "--name", "cli-test", "--json");
        Assert.Equal(0, code);
        var made = JsonNode.Parse(outText)!;
        Assert.Equal("cli-test", made["account_name"]!.GetValue<string>());
        Assert.Equal(0, (await Run("sandbox", "accounts", "delete", made["account_id"]!.GetValue<string>())).Code);
        (code, outText, _) = await Run("sandbox", "faults", "add", "rate_limit", "--operation", "userCreate", "--times", "1", "--json");
        Assert.Equal(0, code);
        var fault = JsonNode.Parse(outText)!["id"]!.GetValue<string>();
        Assert.Equal(0, (await Run("users", "create", "--email", "limited@example.com", "--type", "1")).Code); // the SDK retried the 429
        (code, outText, _) = await Run("sandbox", "faults", "list");
        Assert.Contains(fault, outText);
        Assert.Equal(0, (await Run("sandbox", "journal", "verify", "--operation", "userCreate", "--status", "429", "--count", "1")).Code);
        (code, outText, _) = await Run("sandbox", "journal", "verify", "--operation", "userCreate", "--body", "{\"user_info\":{\"email\":\"nobody@example.com\"}}");
        Assert.Equal(1, code); // not as expected: exit 1
        Assert.Contains("NOT as expected", outText);
        (code, outText, _) = await Run("sandbox", "journal", "list", "--faulted", "true", "--json");
        Assert.Equal(fault, JsonNode.Parse(outText)!["entries"]![0]!["fault"]!.GetValue<string>());
        Assert.Equal(2, (await Run("sandbox", "journal", "verify", "--body", "{not json")).Code);
        Assert.Equal(0, (await Run("sandbox", "faults", "delete", fault)).Code);
        Assert.Equal(0, (await Run("sandbox", "faults", "clear")).Code);
        Assert.Equal(0, (await Run("sandbox", "journal", "clear")).Code);
        var badSeed = Path.Combine(_dir, "bad-seed.yaml");
        await File.WriteAllTextAsync(badSeed, "users:\n  - email: nope\n");
        (code, _, errText) = await Run("sandbox", "seed", badSeed);
        Assert.Equal(1, code);
        Assert.Contains("users[0].email: line 2: ", errText);
        var goodSeed = Path.Combine(_dir, "seed.yaml");
        await File.WriteAllTextAsync(goodSeed, "users:\n  - email: seeded@example.com\n    type: licensed\n");
        (code, outText, _) = await Run("sandbox", "seed", goodSeed, "--json");
        Assert.Equal((0, 1), (code, JsonNode.Parse(outText)!["users"]!.GetValue<int>()));
        Assert.Equal(0, (await Run("users", "get", "seeded@example.com")).Code);
        Assert.Equal(2, (await Run("sandbox", "seed", Path.Combine(_dir, "missing.yaml"))).Code);
        var exportFile = Path.Combine(_dir, "export.json");
        Assert.Equal(0, (await Run("sandbox", "export-seed", "--out", exportFile)).Code);
        Assert.Contains(JsonNode.Parse(await File.ReadAllTextAsync(exportFile))!["users"]!.AsArray(), u => u!["email"]!.GetValue<string>() == "seeded@example.com");
        _vars["ROSTER_ADMIN_KEY"] = "rsk_wrong";
        Assert.Equal(1, (await Run("sandbox", "snapshots", "list")).Code);
    }

    [Fact]
    public async Task SwitchAccountMovesAUser()
    {
        using var master = await _app.ApiAsync();
        var (_, subId, _) = await _app.SubAccountAsync(master, "boss@cli.test");
        var id = await master.CreateUser("mover@elsewhere.test");
        Assert.Equal(0, (await Run("users", "switch-account", id, "--to", subId)).Code);
        Assert.Equal(1, (await Run("users", "get", id)).Code);
    }

    [Fact]
    public async Task WebhookCommandsSubscribeListShowDeliveriesRedeliverAndTailEvents()
    {
        var secret = JsonNode.Parse(await File.ReadAllTextAsync(Directory.GetFiles(_app.DataDir, "credentials*.json").Single()))!["webhook_secret_token"]!.GetValue<string>();
        await using var receiver = await WebhookReceiver.StartAsync(secret);
        var (code, outText, errText) = await Run("webhooks", "create", "--url", receiver.Url, "--event", "user.created", "--event", "user.deleted", "--name", "cli");
        Assert.True(code == 0, errText);
        var id = outText.Trim();
        (code, outText, _) = await Run("webhooks", "list", "--json");
        Assert.Equal(0, code);
        var listed = JsonNode.Parse(outText)!.AsArray().Single()!;
        Assert.Equal(id, listed["event_subscription_id"]!.GetValue<string>());
        Assert.Equal(["user.created", "user.deleted"], listed["events"]!.AsArray().Select(e => e!.GetValue<string>()));

        Assert.Equal(0, (await Run("users", "create", "--email", "hooked@example.com", "--type", "1")).Code);
        Assert.True(Assert.Single(await receiver.AtLeast(1)).SignatureValid);
        JsonArray deliveries = [];
        for (var i = 0; i < 100; i++)
        {
            deliveries = JsonNode.Parse((await Run("webhooks", "deliveries", "--json")).Out)!.AsArray();
            if (deliveries.Count == 1 && deliveries[0]!["state"]!.GetValue<string>() == "delivered") break;
            await Task.Delay(100);
        }
        Assert.Equal("delivered", Assert.Single(deliveries)!["state"]!.GetValue<string>());
        (code, outText, _) = await Run("webhooks", "redeliver", deliveries[0]!["id"]!.GetValue<string>());
        Assert.Equal(0, code);
        Assert.Equal("Queued 1 delivery again.", outText.Trim());
        Assert.Equal(2, (await receiver.AtLeast(2)).Count);
        Assert.Equal(2, (await Run("webhooks", "redeliver")).Code); // nothing named: a usage error

        (code, outText, _) = await Run("webhooks", "delete", id);
        Assert.Equal(0, code);
        Assert.Empty(JsonNode.Parse((await Run("webhooks", "list", "--json")).Out)!.AsArray());
        Assert.Equal(1, (await Run("webhooks", "delete", id)).Code);
    }

    [Fact]
    public async Task EventsTailPrintsEventsAsTheyHappen()
    {
        // a real server process: the in-process test server does not stream a response while it is being written
        var dir = TestTemp.NewFolder("roster-cli-tail");
        try
        {
            await using var server = await ServerProcess.StartAsync(dir);
            var vars = new Dictionary<string, string>(_vars) { ["ROSTER_BASE_URL"] = server.BaseUrl + "/v2" };
            var output = new StringWriter();
            var env = new CliEnvironment
            {
                Out = TextWriter.Synchronized(output), Error = new StringWriter(), Variable = v => vars.GetValueOrDefault(v),
                ProfilePath = Path.Combine(_dir, "profiles.json"), ClientFactory = o => new ZoomClient(o),
                SandboxFactory = (url, key) => throw new InvalidOperationException(),
            };
            var tail = Cli.RunAsync(["events", "tail", "--count", "2"], env);
            using var api = await ServerProcess.ClientAsync(server.BaseUrl);
            for (var i = 0; i < 50 && !tail.IsCompleted; i++)
            {
                await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/v2/users",
                    new { action = "custCreate", user_info = new { email = $"tail{i}@example.com", type = 1 } });
                await Task.Delay(200);
            }
            Assert.Equal(0, await tail.WaitAsync(TimeSpan.FromSeconds(30)));
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
            Assert.Equal(2, lines.Count);
            Assert.All(lines, l => Assert.Equal("user.created", l[1]));
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }
}

/// <summary>The CLI as users run it: real HTTP to a Roster started by Roster.Testing on a loopback port.</summary>
public class CliOverLoopbackTests
{
    [Fact]
    public async Task TheCliTalksToARosterSandboxOverRealHttp()
    {
        await using var roster = await Roster.Testing.RosterSandbox.StartAsync(new Roster.Testing.RosterSandboxOptions { Loopback = true });
        var vars = new Dictionary<string, string>
        {
            ["ROSTER_BASE_URL"] = roster.ApiBaseUrl.ToString(), ["ROSTER_ADMIN_KEY"] = roster.AdminKey,
            ["ZOOM_ACCOUNT_ID"] = roster.AccountId, ["ZOOM_CLIENT_ID"] = roster.ClientId, ["ZOOM_CLIENT_SECRET"] = roster.ClientSecret,
        };
        var dir = Roster.Server.Tests.TestTemp.NewFolder("roster-cli-loopback");
        try
        {
            async Task<(int Code, string Out)> Run(params string[] args)
            {
                var output = new StringWriter();
                var env = new CliEnvironment { Out = output, Error = new StringWriter(), Variable = v => vars.GetValueOrDefault(v), ProfilePath = Path.Combine(dir, "profiles.json") };
                return (await Cli.RunAsync(args, env), output.ToString());
            }
            Assert.Equal(0, (await Run("users", "create", "--email", "loop@example.com", "--type", "1")).Code);
            var (code, outText) = await Run("sandbox", "journal", "list", "--operation", "userCreate", "--json");
            Assert.Equal(0, code);
            Assert.Equal("loop@example.com", JsonNode.Parse(outText)!["entries"]![0]!["request_body"]!["user_info"]!["email"]!.GetValue<string>());
        }
        finally
        {
            Roster.Server.Tests.TestTemp.Delete(dir);
        }
    }
}
