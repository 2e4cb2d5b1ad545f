using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

public class OpenApiTests
{
    public static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Roster.slnx"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }

    /// <summary>
    /// The published document is generated from the endpoints; the committed copy (openapi/v2.json) must match it.
    /// Regenerate with UPDATE_OPENAPI=1 dotnet test --filter OpenApiTests.
    /// </summary>
    [Fact]
    public async Task CommittedDocumentMatchesWhatTheServerPublishes()
    {
        await using var app = new RosterApp();
        using var http = app.CreateClient();
        var response = await http.GetAsync("/openapi/v2.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var live = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var text = live.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        var path = RepoFile("openapi", "v2.json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text);
        }
        Assert.True(File.Exists(path), "openapi/v2.json is missing; run UPDATE_OPENAPI=1 dotnet test --filter OpenApiTests");
        Assert.True(text == await File.ReadAllTextAsync(path),
            "openapi/v2.json differs from what the server publishes; run UPDATE_OPENAPI=1 dotnet test --filter OpenApiTests and commit it");
    }

    [Fact]
    public async Task DocumentNamesEveryOperationWithZoomsIdsAndSchemas()
    {
        await using var app = new RosterApp();
        using var http = app.CreateClient();
        var doc = JsonNode.Parse(await http.GetStringAsync("/openapi/v2.json"))!;
        Assert.StartsWith("3.1", doc["openapi"]!.GetValue<string>());
        var ids = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => m.Value!["operationId"]?.GetValue<string>())).ToHashSet();
        foreach (var (op, _, _, _, _, _) in ScopeAndTenancyTests.Calls) Assert.Contains(op, ids);
        var create = doc["paths"]!["/v2/users"]!["post"]!;
        Assert.NotNull(create["requestBody"]);
        Assert.NotNull(create["responses"]!["201"]);
        Assert.NotNull(create["responses"]!["409"]);
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var body = create["requestBody"]!["content"]!["application/json"]!["schema"]!;
        Assert.Contains("user_info", body["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("integer", body["properties"]!["user_info"]!["properties"]!["type"]!["type"]!.AsArray().Last()!.GetValue<string>());
        Assert.Contains("next_page_token", schemas["UserListDto"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("code", schemas["ErrorBody"]!["properties"]!.AsObject().Select(p => p.Key));
        var docs = await http.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }
}
