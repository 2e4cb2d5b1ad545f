using System.Text.Json.Nodes;
using Json.Schema;

namespace Roster.Server.Tests;

/// <summary>Live responses of every operation, checked against the OpenAPI document the server publishes.</summary>
public class OpenApiConformanceTests
{
    /// <summary>The response schema the document declares for this operation and status, as a JSON Schema.</summary>
    static JsonSchema? SchemaFor(JsonNode doc, string template, string method, int status)
    {
        var response = doc["paths"]?[template]?[method.ToLowerInvariant()]?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        Assert.True(response is not null, $"{method} {template} does not declare {status}");
        var schema = response!["content"]?["application/json"]?["schema"];
        if (schema is null) return null;
        // one document holding the components, so that "#/components/schemas/X" resolves inside it
        var wrapper = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://roster.test/{Guid.NewGuid():N}",
            ["components"] = doc["components"]!.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        return JsonSchema.FromText(wrapper.ToJsonString());
    }

    [Fact]
    public async Task EveryOperationAnswersWhatTheDocumentSays()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        using var http = app.CreateClient();
        var doc = JsonNode.Parse(await http.GetStringAsync("/openapi/v2.json"))!;

        var ada = await api.CreateUser("ada@example.com", type: 2);
        var bob = await api.CreateUser("bob@example.com", type: 2);
        var (_, sub, _) = await app.SubAccountAsync(api, "boss@oas.test");
        var mover = await api.CreateUser("mover@elsewhere.test");
        var pw = await api.CreateUser("pw@example.com", action: "autoCreate", password: "Firs7Passw");

        var calls = new (string Template, string Method, Func<Task<Reply>> Call)[]
        {
            ("/v2/users", "GET", () => api.Get("/v2/users?page_size=2")),
            ("/v2/users", "POST", () => api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "new@example.com", type = 1 } })),
            ("/v2/users/email", "GET", () => api.Get("/v2/users/email?email=ada@example.com")),
            ("/v2/users/vanity_name", "GET", () => api.Get("/v2/users/vanity_name?vanity_name=abcde")),
            ("/v2/users/{userId}", "GET", () => api.Get($"/v2/users/{ada}")),
            ("/v2/users/{userId}", "PATCH", () => api.Patch($"/v2/users/{ada}", new { dept = "X" })),
            ("/v2/users/{userId}/status", "PUT", () => api.Put($"/v2/users/{bob}/status", new { action = "deactivate" })),
            ("/v2/users/{userId}/email", "PUT", () => api.Put($"/v2/users/{ada}/email", new { email = "ada2@example.com" })),
            ("/v2/users/{userId}/password", "PUT", () => api.Put($"/v2/users/{pw}/password", new { password = "Secon9Passw" })),
            ("/v2/users/{userId}/permissions", "GET", () => api.Get($"/v2/users/{ada}/permissions")),
            ("/v2/users/{userId}/token", "GET", () => api.Get($"/v2/users/{ada}/token?type=zak")),
            ("/v2/users/{userId}/token", "DELETE", () => api.Delete($"/v2/users/{ada}/token")),
            ("/v2/users/{userId}/assistants", "POST", async () => { await api.Put($"/v2/users/{bob}/status", new { action = "activate" }); return await api.Post($"/v2/users/{ada}/assistants", new { assistants = new[] { new { id = bob } } }); }),
            ("/v2/users/{userId}/assistants", "GET", () => api.Get($"/v2/users/{ada}/assistants")),
            ("/v2/users/{userId}/schedulers", "GET", () => api.Get($"/v2/users/{bob}/schedulers")),
            ("/v2/users/{userId}/schedulers/{schedulerId}", "DELETE", () => api.Delete($"/v2/users/{bob}/schedulers/{ada}")),
            ("/v2/users/{userId}/assistants/{assistantId}", "DELETE", async () => { await api.Post($"/v2/users/{ada}/assistants", new { assistants = new[] { new { id = bob } } }); return await api.Delete($"/v2/users/{ada}/assistants/{bob}"); }),
            ("/v2/users/{userId}/assistants", "DELETE", () => api.Delete($"/v2/users/{ada}/assistants")),
            ("/v2/users/{userId}/schedulers", "DELETE", () => api.Delete($"/v2/users/{bob}/schedulers")),
            ("/v2/users/{userId}/settings", "GET", () => api.Get($"/v2/users/{ada}/settings")),
            ("/v2/users/{userId}/settings", "PATCH", () => api.Patch($"/v2/users/{ada}/settings", new { in_meeting = new { chat = true } })),
            ("/v2/accounts/{accountId}/users/{userId}/account", "PUT", () => api.Put($"/v2/accounts/me/users/{mover}/account", new { account_id = sub })),
            ("/v2/users/{userId}", "DELETE", () => api.Delete($"/v2/users/{bob}?action=delete")),
            ("/v2/accounts", "GET", () => api.Get("/v2/accounts")),
            ("/v2/accounts/{accountId}", "GET", () => api.Get($"/v2/accounts/{sub}")),
            ("/v2/users/summary", "GET", () => api.Get("/v2/users/summary")),
            ("/v2/users/me/zak", "GET", () => api.Get("/v2/users/me/zak")),
            ("/v2/users/{userId}/presence_status", "GET", () => api.Get($"/v2/users/{ada}/presence_status")),
            ("/v2/users/{userId}/presence_status", "PUT", () => api.Put($"/v2/users/{ada}/presence_status", new { status = "Do_Not_Disturb", duration = 60 })),
            ("/v2/users/{userId}/presence_status", "GET", () => api.Get($"/v2/users/{ada}/presence_status")),
            ("/v2/users/{userId}/presence_status", "PUT", () => api.Put($"/v2/users/{ada}/presence_status", new { status = "Away" })),
            ("/v2/users/{userId}/picture", "DELETE", () => api.Delete($"/v2/users/{ada}/picture")),
            ("/v2/users/{userId}/settings/virtual_backgrounds", "POST", async () =>
            {
                await api.Patch($"/v2/users/{ada}/settings", new { in_meeting = new { virtual_background = true } });
                return await VirtualBackgroundTests.Upload(api, ada, TokenPictureTests.Png, "beach.png");
            }),
            ("/v2/users/{userId}/settings/virtual_backgrounds", "DELETE", () => api.Delete($"/v2/users/{ada}/settings/virtual_backgrounds?file_ids=nope")),
            ("/v2/accounts/{accountId}/managed_domains", "GET", () => api.Get($"/v2/accounts/{sub}/managed_domains")),
            ("/v2/accounts/{accountId}/options", "PATCH", () => api.Patch($"/v2/accounts/{sub}/options", new { share_rc = true })),
            ("/v2/accounts/{accountId}", "DELETE", () => api.Delete($"/v2/accounts/{sub}")),
            // errors have their declared shape too
            ("/v2/users/{userId}", "GET", () => api.Get("/v2/users/nobody")),
            ("/v2/users", "POST", () => api.Post("/v2/users", new { action = "nope" })),
        };
        foreach (var (template, method, call) in calls)
        {
            var reply = await call();
            var status = (int)reply.Status;
            var schema = SchemaFor(doc, template, method, status);
            if (status == 204)
            {
                Assert.Equal("", reply.Body);
                continue;
            }
            Assert.True(schema is not null, $"{method} {template} {status}: no schema for a body");
            var result = schema!.Evaluate(JsonNode.Parse(reply.Body), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{method} {template} {status}: {reply.Body[..Math.Min(300, reply.Body.Length)]}\n" +
                string.Join("\n", result.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }

        // the check can fail: a user with a numeric id and no e-mail is not what the document says
        var userSchema = SchemaFor(doc, "/v2/users/{userId}", "GET", 200)!;
        Assert.False(userSchema.Evaluate(JsonNode.Parse("{\"id\":5,\"type\":\"x\"}")).IsValid);
    }
}
