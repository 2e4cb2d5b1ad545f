using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>
/// Golden response bodies, one per operation, in tests/fixtures/: the server's live answers must keep their
/// shape (every field, with its JSON kind), and the SDK's tests read the same files into its models, so the
/// two sides cannot drift apart. Regenerate with UPDATE_FIXTURES=1 dotnet test --filter FixtureTests.
/// </summary>
public class FixtureTests
{
    public static string FixturePath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Roster.slnx"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "tests", "fixtures", name + ".json");
    }

    /// <summary>"path: kind" for every value in the document (array items share the path "[]").</summary>
    static SortedSet<string> Shape(JsonNode? node, string path = "$")
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? n, string p)
        {
            switch (n)
            {
                case JsonObject o:
                    set.Add($"{p}: object");
                    foreach (var (k, v) in o) Walk(v, $"{p}.{k}");
                    break;
                case JsonArray a:
                    set.Add($"{p}: array");
                    foreach (var item in a) Walk(item, $"{p}[]");
                    break;
                case null:
                    set.Add($"{p}: null");
                    break;
                default:
                    var kind = n.GetValueKind();
                    set.Add($"{p}: {(kind is JsonValueKind.True or JsonValueKind.False ? "boolean" : kind.ToString().ToLowerInvariant())}");
                    break;
            }
        }
        Walk(node, path);
        return set;
    }

    [Fact]
    public async Task LiveResponsesKeepTheShapeOfTheGoldenFixtures()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var ada = await api.CreateUser("ada@example.com", type: 2);
        var bob = await api.CreateUser("bob@example.com", type: 2);
        await api.Patch($"/v2/users/{ada}", new
        {
            dept = "Math", job_title = "Analyst", manager = "grace@example.com", pronouns = "she/her", pronouns_option = 2, vanity_name = "ada.lovelace",
            phone_numbers = new[] { new { code = "+1", country = "US", label = "Mobile", number = "5550100" } },
            custom_attributes = new[] { new { key = "k", name = "Cost", value = "42" } },
        });
        var live = new Dictionary<string, Reply>
        {
            ["user"] = await api.Get($"/v2/users/{ada}"),
            ["users"] = await api.Get("/v2/users?page_size=2"),
            ["userCreate"] = await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "carl@example.com", type = 1, first_name = "Carl", last_name = "C" } }),
            ["userEmail"] = await api.Get("/v2/users/email?email=ada@example.com"),
            ["userVanityName"] = await api.Get("/v2/users/vanity_name?vanity_name=ada.lovelace"),
            ["userPermission"] = await api.Get($"/v2/users/{ada}/permissions"),
            ["userToken"] = await api.Get($"/v2/users/{ada}/token?type=zak"),
            ["userAssistantCreate"] = await api.Post($"/v2/users/{ada}/assistants", new { assistants = new[] { new { id = bob } } }),
            ["userAssistants"] = await api.Get($"/v2/users/{ada}/assistants"),
            ["userSchedulers"] = await api.Get($"/v2/users/{bob}/schedulers"),
            ["userSettings"] = await api.Get($"/v2/users/{ada}/settings"),
            ["userSettingsMeetingAuthentication"] = await api.Get($"/v2/users/{ada}/settings?option=meeting_authentication"),
            ["userSettingsMeetingSecurity"] = await api.Get($"/v2/users/{ada}/settings?option=meeting_security"),
            ["error"] = await api.Get("/v2/users/nobody"),
            ["validationError"] = await api.Post("/v2/users", new { action = "nope", user_info = new { email = "x", type = 1 } }),
        };
        var update = Environment.GetEnvironmentVariable("UPDATE_FIXTURES") == "1";
        foreach (var (name, reply) in live)
        {
            var node = JsonNode.Parse(reply.Body);
            var path = FixturePath(name);
            if (update) await File.WriteAllTextAsync(path, node!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Assert.True(File.Exists(path), $"{name}: missing fixture; run UPDATE_FIXTURES=1 dotnet test --filter FixtureTests");
            var golden = Shape(JsonNode.Parse(await File.ReadAllTextAsync(path)));
            var now = Shape(node);
            Assert.True(golden.SetEquals(now),
                $"{name}: the live response no longer has the fixture's shape.\nonly in fixture: {string.Join(", ", golden.Except(now))}\nonly live: {string.Join(", ", now.Except(golden))}");
        }
    }
}
