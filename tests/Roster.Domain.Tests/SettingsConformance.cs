using System.Text.Json;
using System.Text.Json.Nodes;
using Roster.Domain.Settings;

namespace Roster.Domain.Tests;

/// <summary>
/// Checks a settings document Roster answers against Zoom's settings schema, generically: every key must be a leaf or
/// object the schema lets GET show, and every value must have the schema's JSON type, be a member of its enum and stay
/// within its limit (<c>max</c>: a string's length, an integer's value). It walks the schema rather than naming leaves,
/// so a default, a rule or a schema change that lets a value drift out of Zoom's contract is caught wherever it is.
/// Shared with the server tests, which feed it the documents the real endpoints answer.
/// </summary>
public static class SettingsConformance
{
    /// <summary>The violations of <paramref name="doc"/> under <paramref name="node"/>, one line each (path: why).</summary>
    public static List<string> Violations(SettingNode node, JsonNode? doc)
    {
        var found = new List<string>();
        CheckObject(node, Wire(doc), node.Path, found);
        return found;
    }

    /// <summary>The violations of a document of sections (the full document, or <c>{"meeting_security": …}</c>).</summary>
    public static List<string> DocumentViolations(JsonObject doc)
    {
        var found = new List<string>();
        foreach (var (section, value) in Wire(doc)!.AsObject())
        {
            if (!SettingsSchema.Instance.Root.Children.TryGetValue(section, out var node)) found.Add($"{section}: not a settings section");
            else CheckObject(node, value, section, found);
        }
        return found;
    }

    static void CheckObject(SettingNode node, JsonNode? value, string at, List<string> found)
    {
        if (value is not JsonObject obj)
        {
            found.Add($"{at}: {Show(value)} is not an object");
            return;
        }
        foreach (var (key, child) in obj)
        {
            var path = at.Length == 0 ? key : $"{at}.{key}";
            if (!node.Children.TryGetValue(key, out var childNode)) found.Add($"{path}: not in Zoom's schema");
            else if (!childNode.Get) found.Add($"{path}: Zoom's GET schema does not have it (PATCH only)");
            else if (childNode.IsContainer) CheckObject(childNode, child, path, found);
            else CheckLeaf(childNode, child, path, found);
        }
    }

    static void CheckLeaf(SettingNode node, JsonNode? value, string path, List<string> found)
    {
        var why = node.Type switch
        {
            SettingType.Boolean => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "is not a boolean",
            SettingType.String => ScalarProblem(node, value, JsonValueKind.String),
            SettingType.Integer => ScalarProblem(node, value, JsonValueKind.Number),
            SettingType.StringArray => ItemsProblem(node, value, JsonValueKind.String),
            SettingType.IntegerArray => ItemsProblem(node, value, JsonValueKind.Number),
            SettingType.ObjectArray or SettingType.Array => value is JsonArray ? null : "is not an array",
            _ => "has no type in the schema",
        };
        if (why is not null) found.Add($"{path}: {Show(value)} {why}");
        if (node.Type is SettingType.ObjectArray && node.Item is { } item && value is JsonArray items)
            for (var i = 0; i < items.Count; i++) CheckObject(item, items[i], $"{path}[{i}]", found);
    }

    static string? ScalarProblem(SettingNode node, JsonNode? value, JsonValueKind kind)
    {
        if (value is null || value.GetValueKind() != kind) return $"is not a {kind.ToString().ToLowerInvariant()}";
        if (kind == JsonValueKind.Number)
        {
            if (!value.AsValue().TryGetValue<long>(out var n)) return "is not an integer";
            if (node.Max is { } max && n > max) return $"is above the maximum {max}";
        }
        else if (node.Max is { } maxLength && value.GetValue<string>().Length > maxLength) return $"is longer than {maxLength}";
        if (node.Enum is { } members && !members.Any(m => JsonNode.DeepEquals(m, value))) return $"is not one of {members.ToJsonString()}";
        return null;
    }

    static string? ItemsProblem(SettingNode node, JsonNode? value, JsonValueKind kind)
    {
        if (value is not JsonArray items) return "is not an array";
        foreach (var item in items)
            if (ScalarProblem(node, item, kind) is { } why) return $"has an item {Show(item)} that {why}";
        return null;
    }

    /// <summary>The document as a client reads it off the wire (a value built in memory as an <c>int</c> reads as a JSON number).</summary>
    static JsonNode? Wire(JsonNode? doc) => doc is null ? null : JsonNode.Parse(doc.ToJsonString());

    static string Show(JsonNode? value) => value?.ToJsonString() ?? "null";
}

/// <summary>
/// Zoom's shape of <c>option=meeting_authentication</c> / <c>recording_authentication</c> (reference §5.3), which the
/// settings schema does not hold: the flag, the exception switch (meeting only) and the account's options.
/// </summary>
public static class AuthenticationConformance
{
    static readonly Dictionary<string, string[]> Types = new()
    {
        [SettingsOptions.MeetingAuthentication] = ["enforce_login", "enforce_login_with_domains", "enforce_login_with_same_account"],
        [SettingsOptions.RecordingAuthentication] = ["enforce_login", "enforce_login_with_domains", "internally"],
    };

    static readonly (string Name, JsonValueKind Kind)[] OptionFields =
        [("id", JsonValueKind.String), ("name", JsonValueKind.String), ("type", JsonValueKind.String), ("domains", JsonValueKind.String),
         ("visible", JsonValueKind.True), ("default_option", JsonValueKind.True)];

    public static List<string> Violations(string kind, JsonObject doc)
    {
        var found = new List<string>();
        var flags = kind == SettingsOptions.MeetingAuthentication ? new[] { kind, "allow_authentication_exception" } : [kind];
        foreach (var (key, value) in doc)
        {
            if (flags.Contains(key))
            {
                if (value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) found.Add($"{key}: is not a boolean");
            }
            else if (key != "authentication_options") found.Add($"{key}: not in Zoom's {kind} schema");
            else if (value is not JsonArray options) found.Add($"{key}: is not an array");
            else
                for (var i = 0; i < options.Count; i++) CheckOption(kind, options[i], $"{key}[{i}]", found);
        }
        return found;
    }

    static void CheckOption(string kind, JsonNode? option, string at, List<string> found)
    {
        if (option is not JsonObject obj)
        {
            found.Add($"{at}: is not an object");
            return;
        }
        foreach (var (key, value) in obj)
        {
            var field = OptionFields.FirstOrDefault(f => f.Name == key);
            if (field.Name is null) found.Add($"{at}.{key}: not in Zoom's schema");
            else if (field.Kind == JsonValueKind.True ? value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False) : value?.GetValueKind() != field.Kind)
                found.Add($"{at}.{key}: {value?.ToJsonString() ?? "null"} is not a {(field.Kind == JsonValueKind.True ? "boolean" : "string")}");
        }
        if (obj["type"] is JsonValue t && t.TryGetValue<string>(out var type) && !Types[kind].Contains(type))
            found.Add($"{at}.type: \"{type}\" is not one of {string.Join(", ", Types[kind])}");
    }
}
