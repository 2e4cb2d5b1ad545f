using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Roster.Client.Models;

namespace Roster.Client.Tests;

/// <summary>
/// The SDK's models against the server's OpenAPI document (openapi/v2.json, which OpenApiTests keeps equal to what the
/// server publishes) and its golden answers: no field of a users, accounts, groups or roles answer is missing from the model the SDK
/// reads it into, nor any field of a request body from the model the SDK writes it from.
/// </summary>
public class ModelSchemaTests
{
    static readonly JsonNode Document = JsonNode.Parse(File.ReadAllText(Roster.Server.Tests.OpenApiTests.RepoFile("openapi", "v2.json")))!;

    // the paths whose models the SDK generates (tools/ClientModels' SdkNames.Resources)
    static readonly string[] Resources = ["/v2/users", "/v2/accounts", "/v2/groups", "/v2/roles"];

    // answers the SDK reads into hand-written internal types (envelopes it unwraps)
    static readonly Dictionary<string, Type> HandWritten = new(StringComparer.Ordinal)
    {
        ["AssistantsDto"] = typeof(AssistantList), ["SchedulersDto"] = typeof(SchedulerList), ["ExistedDto"] = typeof(Existed),
        ["ExistedEmailDto"] = typeof(ExistedEmail), ["PermissionsDto"] = typeof(Permissions), ["TokenDto"] = typeof(TokenResult),
    };

    // answers the SDK does not read: POST assistants' ids (AddAssistantsAsync returns nothing), settings (typed from the settings schema)
    static readonly HashSet<string> NotRead = new(StringComparer.Ordinal) { "AssistantsAddedDto", "JsonObject" };

    [Fact]
    public void EveryPropertyOfEveryAnswerAndBodyIsOnItsModel()
    {
        var missing = new List<string>();
        foreach (var schema in Schemas(Answers()).Union(Schemas(Bodies())).Where(s => !NotRead.Contains(s)))
        {
            var model = GeneratedModels.BySchema.GetValueOrDefault(schema) ?? HandWritten.GetValueOrDefault(schema);
            if (model is null)
            {
                missing.Add($"{schema}: no SDK model");
                continue;
            }
            var names = model.GetProperties().Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).ToHashSet();
            missing.AddRange(Properties(schema).Where(p => !names.Contains(p)).Select(p => $"{schema}.{p} ({model.Name})"));
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void GeneratedModelsAreTheAnswersAndBodiesAndTheirParts()
    {
        var expected = Schemas(Answers()).Union(Schemas(Bodies())).Where(s => !NotRead.Contains(s) && !HandWritten.ContainsKey(s)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, GeneratedModels.BySchema.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(typeof(User), GeneratedModels.BySchema["UserDto"]);
        Assert.Equal(typeof(UpdateUserRequest), GeneratedModels.BySchema["UserUpdate"]);
        Assert.Equal(typeof(SubAccount), GeneratedModels.BySchema["AccountDto"]);
        Assert.Equal(typeof(DateTimeOffset?), typeof(User).GetProperty(nameof(User.CreatedAt))!.PropertyType);
        Assert.Equal(typeof(List<PhoneNumber>), typeof(User).GetProperty(nameof(User.PhoneNumbers))!.PropertyType);
        Assert.Equal(typeof(DateTimeOffset?), typeof(SubAccount).GetProperty(nameof(SubAccount.CreatedAt))!.PropertyType);
    }

    [Fact]
    public void ARequestModelRequiresWhatItsSchemaRequiresAndLeavesTheRestUnsetAndUnwritten()
    {
        var unmet = new List<string>();
        foreach (var schema in Schemas(Bodies()).Except(Schemas(Answers())))
        {
            var model = GeneratedModels.BySchema[schema];
            var required = Document["components"]!["schemas"]![schema]!["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
            foreach (var property in model.GetProperties().Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null))
            {
                var json = property.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name;
                var isRequired = property.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null;
                var nullable = new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable;
                var skipsNull = property.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition == JsonIgnoreCondition.WhenWritingNull;
                if (required.Contains(json) ? !isRequired || nullable : isRequired || !nullable || !skipsNull)
                    unmet.Add($"{schema}.{json} ({model.Name}.{property.Name}: required {isRequired}, nullable {nullable}, skips null {skipsNull})");
            }
        }
        Assert.Empty(unmet);
    }

    // the SDK's metadata under options that write nulls (the serializer's default): the models' attributes alone leave them out
    static readonly JsonSerializerOptions WritingNulls = new() { TypeInfoResolver = JsonTypeInfoResolver.Combine(ZoomJsonContext.Default, AccountsJsonContext.Default, GroupsJsonContext.Default) };

    [Fact]
    public void AnUpdateSendsOnlyWhatTheCallerSet()
    {
        var update = JsonNode.Parse(JsonSerializer.Serialize(new UpdateUserRequest { FirstName = "Ada", UsePmi = false, PhoneNumbers = [] }, WritingNulls))!.AsObject();
        Assert.Equal(["first_name", "phone_numbers", "use_pmi"], update.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.False(update["use_pmi"]!.GetValue<bool>());
        var change = JsonNode.Parse(JsonSerializer.Serialize(new SubAccountOptionsUpdate { ShareRc = true }, WritingNulls))!.AsObject();
        Assert.Equal(["share_rc"], change.Select(p => p.Key));
        var role = JsonNode.Parse(JsonSerializer.Serialize(new UpdateRoleRequest { Privileges = [] }, WritingNulls))!.AsObject();
        Assert.Equal(["privileges"], role.Select(p => p.Key));
        Assert.Empty(JsonNode.Parse(JsonSerializer.Serialize(new UpdateGroupRequest(), WritingNulls))!.AsObject());
    }

    [Fact]
    public void GoldenAnswersReadIntoTheirModelsAndWriteBackWithNothingLost()
    {
        RoundTrips("user", ZoomJsonContext.Default.User);
        RoundTrips("users", ZoomJsonContext.Default.UserPage);
        RoundTrips("userCreate", ZoomJsonContext.Default.CreatedUser);
        RoundTrips("userAssistants", ZoomJsonContext.Default.AssistantList);
        RoundTrips("userSchedulers", ZoomJsonContext.Default.SchedulerList);
        var user = JsonSerializer.Deserialize(Fixture("user"), ZoomJsonContext.Default.User)!;
        Assert.Null(user.Unknown); // every field typed, none only kept
    }

    static void RoundTrips<T>(string fixture, JsonTypeInfo<T> info)
    {
        var golden = JsonNode.Parse(Fixture(fixture))!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(JsonSerializer.Deserialize(Fixture(fixture), info)!, info))!;
        var differences = new List<string>();
        Compare(golden, written, fixture, differences);
        Assert.Empty(differences);
    }

    // equal JSON, times compared as instants (the model writes 2026-01-02T03:04:05+00:00 for 2026-01-02T03:04:05Z)
    static void Compare(JsonNode? golden, JsonNode? written, string path, List<string> differences)
    {
        switch (golden, written)
        {
            case (JsonObject g, JsonObject w):
                foreach (var name in g.Select(p => p.Key).Union(w.Select(p => p.Key))) Compare(g[name], w[name], $"{path}.{name}", differences);
                break;
            case (JsonArray g, JsonArray w) when g.Count == w.Count:
                for (var i = 0; i < g.Count; i++) Compare(g[i], w[i], $"{path}[{i}]", differences);
                break;
            case (JsonValue g, JsonValue w) when g.GetValueKind() == JsonValueKind.String && w.GetValueKind() == JsonValueKind.String
                && DateTimeOffset.TryParse(g.GetValue<string>(), out var gt) && DateTimeOffset.TryParse(w.GetValue<string>(), out var wt):
                if (gt != wt) differences.Add(path);
                break;
            default:
                if (!JsonNode.DeepEquals(golden, written)) differences.Add($"{path}: {golden?.ToJsonString()} became {written?.ToJsonString()}");
                break;
        }
    }

    static string Fixture(string name) => File.ReadAllText(Roster.Server.Tests.FixtureTests.FixturePath(name));

    static IEnumerable<string> Properties(string schema)
        => Document["components"]!["schemas"]![schema]!["properties"]?.AsObject().Select(p => p.Key) ?? [];

    static IEnumerable<JsonNode> Operations()
        => Document["paths"]!.AsObject().Where(p => Resources.Any(r => p.Key == r || p.Key.StartsWith(r + "/", StringComparison.Ordinal)))
            .SelectMany(p => p.Value!.AsObject()).Select(op => op.Value!);

    // the answers (2xx) of the resources' operations
    static IEnumerable<JsonNode?> Answers()
        => Operations().SelectMany(op => op["responses"]?.AsObject() ?? [])
            .Where(r => r.Key.StartsWith('2')).SelectMany(r => r.Value!["content"]?.AsObject() ?? []).Select(c => c.Value!["schema"]);

    // their JSON bodies (a multipart upload is a file)
    static IEnumerable<JsonNode?> Bodies() => Operations().Select(op => op["requestBody"]?["content"]?["application/json"]?["schema"]);

    // every schema the roots refer to, and those they refer to
    static SortedSet<string> Schemas(IEnumerable<JsonNode?> roots)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode?>(roots);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case JsonObject o when o["$ref"]?.GetValue<string>() is { } reference:
                    var name = reference[(reference.LastIndexOf('/') + 1)..];
                    if (found.Add(name)) pending.Push(Document["components"]!["schemas"]![name]);
                    break;
                case JsonObject o:
                    foreach (var (_, child) in o) pending.Push(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) pending.Push(child);
                    break;
            }
        }
        return found;
    }
}
