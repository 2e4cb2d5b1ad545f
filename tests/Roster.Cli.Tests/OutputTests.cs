using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Roster.Server.Tests;

namespace Roster.Cli.Tests;

/// <summary>What every command prints: columns off a terminal, unbroken ids on one, the API's times, counts and plurals, saved keys.</summary>
public sealed partial class CliTests
{
    static List<string[]> Tsv(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('\t')).ToList();

    string AdminKey => JsonNode.Parse(File.ReadAllText(Directory.GetFiles(_app.DataDir, "credentials*.json").Single()))!["sandbox_admin_key"]!.GetValue<string>();

    [Fact]
    public async Task OffATerminalTablesAreTabSeparatedAndOnATerminalNoIdOrUrlBreaks()
    {
        var secret = JsonNode.Parse(await File.ReadAllTextAsync(Directory.GetFiles(_app.DataDir, "credentials*.json").Single()))!["webhook_secret_token"]!.GetValue<string>();
        // a URL longer than a terminal's 80 columns: an old table wrapped it mid-string
        await using var receiver = await WebhookReceiver.StartAsync(secret, "/zoom/events/of-the-roster-command-line-tests/with-a-path-long-enough-to-wrap");
        var (code, outText, errText) = await Run("webhooks", "create", "--url", receiver.Url, "--event", "user.created", "--name", "a name with spaces");
        Assert.True(code == 0, errText);
        var id = outText.Trim();

        (code, outText, _) = await Run("webhooks", "list");
        Assert.Equal(0, code);
        var rows = Tsv(outText);
        Assert.Equal(["id", "name", "scope", "events", "url", "state"], rows[0]);
        Assert.Equal([id, "a name with spaces", "account", "user.created", receiver.Url, "active"], Assert.Single(rows.Skip(1)));

        var me = JsonNode.Parse((await Run("users", "get", "me", "--json")).Out)!;
        (code, outText, _) = await Run("users", "get", "me");
        Assert.Equal(0, code);
        var fields = Tsv(outText);
        Assert.Equal(["field", "value"], fields[0]);
        Assert.All(fields, f => Assert.Equal(2, f.Length));
        var byName = fields.Skip(1).ToDictionary(f => f[0], f => f[1]);
        Assert.Equal((me["id"]!.GetValue<string>(), me["email"]!.GetValue<string>(), me["created_at"]!.GetValue<string>()),
            (byName["id"], byName["email"], byName["created_at"]));

        // on a terminal: a table; the id and the URL stand whole on one line even though the URL alone fills the width
        (code, outText, _) = await RunOn(true, Path.Combine(_dir, "profiles.json"), "webhooks", "list");
        Assert.Equal(0, code);
        var line = Assert.Single(outText.Split('\n'), l => l.Contains(id, StringComparison.Ordinal));
        Assert.Contains(receiver.Url, line, StringComparison.Ordinal);
        Assert.DoesNotContain('\t', outText);
        (code, outText, _) = await RunOn(true, Path.Combine(_dir, "profiles.json"), "users", "get", "me");
        Assert.Equal(0, code);
        Assert.Contains(outText.Split('\n'), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["id", var v] && v == me["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonWritesTimesAsTheApiDoes()
    {
        using var api = await _app.ApiAsync();
        var wire = (await api.Get("/v2/users/me")).Json["created_at"]!.GetValue<string>();
        Assert.EndsWith("Z", wire);
        var (code, outText, _) = await Run("users", "get", "me", "--json");
        Assert.Equal(0, code);
        Assert.Equal(wire, JsonNode.Parse(outText)!["created_at"]!.GetValue<string>());

        _vars["ROSTER_ADMIN_KEY"] = AdminKey;
        Assert.Equal(0, (await Run("sandbox", "clock", "set", "--now", "2030-01-02T03:04:05Z", "--frozen", "true")).Code);
        (code, outText, _) = await Run("sandbox", "clock", "show", "--json");
        Assert.Equal(0, code);
        Assert.Equal("2030-01-02T03:04:05Z", JsonNode.Parse(outText)!["now"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportProgressOffATerminalEndsWithTheFinalCountInCorrectPlurals()
    {
        var csv = Path.Combine(_dir, "progress.csv");
        await File.WriteAllLinesAsync(csv, ["email,type", "p1@example.com,1", "p2@example.com,7", "p3@example.com,1", "not-an-email,1"]);
        var (code, outText, _) = await Run("users", "import", csv, "--concurrency", "2");
        Assert.Equal(1, code);
        var lines = outText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var start = Regex.Match(lines[0], @"^Importing (\d+) (users?)$");
        Assert.True(start.Success, lines[0]);
        Assert.Equal((4, "users"), (int.Parse(start.Groups[1].Value, CultureInfo.InvariantCulture), start.Groups[2].Value));
        // the last progress line (before the summary) is the final count
        var final = lines.Select(l => Regex.Match(l, @"^Imported (\d+) of (\d+), (\d+) failed$")).Where(m => m.Success).ToList();
        var last = Assert.Single(final);
        Assert.Equal((4, 4, 2), (Int(last, 1), Int(last, 2), Int(last, 3)));
        Assert.StartsWith("Created ", lines[lines.IndexOf(last.Value) + 1]);

        var one = Path.Combine(_dir, "one.csv");
        await File.WriteAllLinesAsync(one, ["email", "solo@example.com"]);
        (code, outText, _) = await Run("users", "import", one);
        Assert.Equal(0, code);
        lines = outText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        start = Regex.Match(lines[0], @"^Importing (\d+) (users?)$");
        Assert.Equal((1, "user"), (int.Parse(start.Groups[1].Value, CultureInfo.InvariantCulture), start.Groups[2].Value));
        var done = Regex.Match(lines[1], @"^Imported (\d+) of (\d+), (\d+) failed$");
        Assert.Equal((1, 1, 0), (Int(done, 1), Int(done, 2), Int(done, 3)));

        static int Int(Match m, int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task LoginWithAnAdminKeySavesItSoSandboxCommandsNeedNoFlag()
    {
        var key = AdminKey;
        var profiles = Path.Combine(_dir, "config", "roster", "profiles.json");
        Assert.Equal(2, (await RunOn(false, profiles, "sandbox", "clock", "show")).Code); // no key yet

        // a wrong key is refused at login and nothing is saved
        var (code, outText, errText) = await RunOn(false, profiles, "login", "--admin-key", "rsk_wrong");
        Assert.Equal(1, code);
        Assert.False(File.Exists(profiles));

        (code, outText, errText) = await RunOn(false, profiles, "login", "--admin-key", key);
        Assert.True(code == 0, errText);
        Assert.DoesNotContain(key, outText + errText);
        Assert.DoesNotContain(RosterApp.ClientSecret, outText + errText);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(profiles));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(profiles)!));
        }
        Assert.Equal(key, JsonNode.Parse(await File.ReadAllTextAsync(profiles))!["default"]!["sandbox_admin_key"]!.GetValue<string>());

        // no flag, no variable: the saved key (and URL) serve the sandbox, the saved credentials the API
        _vars.Clear();
        (code, outText, _) = await RunOn(false, profiles, "sandbox", "clock", "show", "--json");
        Assert.Equal(0, code);
        Assert.True(JsonNode.Parse(outText)!["real_time"]!.GetValue<bool>());
        Assert.Equal(0, (await RunOn(false, profiles, "users", "get", "me")).Code);

        // a later login that names no key keeps the saved one
        _vars["ZOOM_CLIENT_SECRET"] = RosterApp.ClientSecret;
        Assert.Equal(0, (await RunOn(false, profiles, "login")).Code);
        _vars.Clear();
        Assert.Equal(0, (await RunOn(false, profiles, "sandbox", "clock", "show")).Code);
    }

    [Fact]
    public async Task ListenNeedsTheSecretTokenAndAnHttpUrlToForwardTo()
    {
        var (code, _, errText) = await Run("webhooks", "listen");
        Assert.Equal(2, code);
        Assert.Contains("ZOOM_WEBHOOK_SECRET_TOKEN", errText);
        _vars["ZOOM_WEBHOOK_SECRET_TOKEN"] = "whst_not_printed";
        (code, var outText, errText) = await Run("webhooks", "listen", "--forward-to", "ftp://localhost/zoom");
        Assert.Equal(2, code);
        Assert.Contains("--forward-to", errText);

        // login saves the token (0600) without printing it
        var profiles = Path.Combine(_dir, "keys", "profiles.json");
        (code, outText, errText) = await RunOn(false, profiles, "login");
        Assert.Equal(0, code);
        Assert.DoesNotContain("whst_not_printed", outText + errText);
        Assert.Equal("whst_not_printed", JsonNode.Parse(await File.ReadAllTextAsync(profiles))!["default"]!["webhook_secret_token"]!.GetValue<string>());
    }
}
