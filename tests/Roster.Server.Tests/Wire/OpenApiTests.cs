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

    /// <summary>A docs page can try a request: the server, an OAuth2 client-credentials scheme, each operation's scopes, the token form.</summary>
    [Fact]
    public async Task DocumentSaysWhereAndHowToTryARequest()
    {
        await using var app = new RosterApp();
        using var http = app.CreateClient();
        var doc = JsonNode.Parse(await http.GetStringAsync("/openapi/v2.json"))!;
        Assert.Equal("http://localhost", doc["servers"]![0]!["url"]!.GetValue<string>());
        var scheme = doc["components"]!["securitySchemes"]!["zoom_oauth"]!;
        Assert.Equal("oauth2", scheme["type"]!.GetValue<string>());
        var flow = scheme["flows"]!["clientCredentials"]!;
        Assert.Equal("http://localhost/oauth/token", flow["tokenUrl"]!.GetValue<string>());

        var operations = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => m.Value!)).ToList();
        foreach (var op in Roster.Domain.Auth.Operations.UsersApi.Concat(Roster.Domain.Auth.Operations.AccountsApi).Concat(Roster.Domain.Auth.Operations.RolesApi).Concat(Roster.Domain.Auth.Operations.RosterApi))
        {
            var documented = operations.Single(o => o["operationId"]?.GetValue<string>() == op.Id);
            var scopes = documented["security"]![0]!["zoom_oauth"]!.AsArray().Select(s => s!.GetValue<string>());
            Assert.Equal([.. op.AdminScopes, .. op.UserScopes], scopes);
            Assert.All(scopes, s => Assert.NotNull(flow["scopes"]![s]));
        }

        var token = doc["paths"]!["/oauth/token"]!["post"]!;
        Assert.NotNull(token["security"]![0]!["client_basic"]);
        var form = Resolve(doc, token["requestBody"]!["content"]!["application/x-www-form-urlencoded"]!["schema"]!);
        Assert.Contains("grant_type", form["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("account_id", form["properties"]!.AsObject().Select(p => p.Key));
        var ok = Resolve(doc, token["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);
        Assert.Contains("access_token", ok["properties"]!.AsObject().Select(p => p.Key));
        Assert.NotNull(token["responses"]!["401"]);
    }

    static JsonNode Resolve(JsonNode doc, JsonNode schema)
        => schema["$ref"]?.GetValue<string>() is { } r ? doc["components"]!["schemas"]![r.Split('/')[^1]]! : schema;

    /// <summary>The docs page is a reference for this server: no client-app promotion, AI chat, developer tools or telemetry.</summary>
    [Fact]
    public async Task DocsPageShowsNoPromotions()
    {
        await using var app = new RosterApp();
        using var http = app.CreateClient();
        var response = await http.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var config = System.Text.RegularExpressions.Regex.Match(html, @"\{.*""hideClientButton"".*\}").Value;
        Assert.False(string.IsNullOrEmpty(config), "no configuration found in the docs page");
        foreach (var setting in new[] { "\"hideClientButton\":true", "\"showDeveloperTools\":\"never\"", "\"telemetry\":false" })
            Assert.Contains(setting, config);
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
        // a JSON body is a component of its own, as an answer is (tools/ClientModels generates the SDK's request models from them)
        JsonNode Resolve(JsonNode schema) => schema["$ref"]?.GetValue<string>() is { } r ? schemas[r[(r.LastIndexOf('/') + 1)..]]! : schema;
        var body = Resolve(create["requestBody"]!["content"]!["application/json"]!["schema"]!);
        Assert.Contains("user_info", body["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["action", "user_info"], body["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order());
        var userInfo = Resolve(body["properties"]!["user_info"]!);
        Assert.Equal("integer", userInfo["properties"]!["type"]!["type"]!.AsArray().Last()!.GetValue<string>());
        Assert.Contains("next_page_token", schemas["UserListDto"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("code", schemas["ErrorBody"]!["properties"]!.AsObject().Select(p => p.Key));
        var docs = await http.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }
}
