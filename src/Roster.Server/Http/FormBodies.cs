using System.Text.Json.Serialization.Metadata;
using Roster.Domain.Errors;

namespace Roster.Server.Http;

/// <summary>
/// Zoom lists <c>multipart/form-data</c> beside JSON for its request bodies. A form field names a JSON path with
/// dots or brackets (<c>user_info.email</c>, <c>user_info[email]</c>, <c>assistants[0][id]</c>); its text becomes
/// the JSON type the body's model declares there (numbers, booleans, strings). For free-form bodies (settings)
/// <c>true</c>/<c>false</c> become booleans and integers numbers. The JSON then goes through the same validation.
/// </summary>
public static class FormBodies
{
    /// <summary>No body of the Users API nests deeper than a few levels; deeper form keys are refused.</summary>
    const int MaxDepth = 16;

    public static JsonObject ToJson(IFormCollection form, JsonTypeInfo? info)
    {
        var root = new JsonObject();
        foreach (var (key, values) in form)
        {
            if (key.Contains('\0') || values.Any(v => v?.Contains('\0') == true)) throw Fail.UnstorableText(); // as for JSON bodies
            var path = key.Replace("]", "").Split(['.', '['], StringSplitOptions.RemoveEmptyEntries);
            if (path.Length == 0) continue;
            if (path.Length > MaxDepth) throw Fail.InvalidJson();
            Put(root, path, 0, values.ToString(), info);
        }
        return root;
    }

    static void Put(JsonNode parent, string[] path, int i, string text, JsonTypeInfo? info)
    {
        var segment = path[i];
        var last = i == path.Length - 1;
        var property = info?.Properties.FirstOrDefault(p => p.Name == segment);
        var childInfo = property is null ? null : info!.Options.GetTypeInfo(property.PropertyType);
        if (info?.Kind == JsonTypeInfoKind.Enumerable) childInfo = info.ElementType is { } et ? info.Options.GetTypeInfo(et) : null;
        if (last)
        {
            Set(parent, segment, Leaf(text, childInfo?.Type ?? property?.PropertyType, property is null && info is not null && info.Kind != JsonTypeInfoKind.Enumerable));
            return;
        }
        var next = Get(parent, segment);
        if (next is null)
        {
            next = int.TryParse(path[i + 1], out _) ? new JsonArray() : new JsonObject();
            Set(parent, segment, next);
        }
        Put(next, path, i + 1, text, childInfo);
    }

    static JsonNode? Get(JsonNode parent, string segment) => parent switch
    {
        JsonObject o => o[segment],
        JsonArray a when int.TryParse(segment, out var n) && n < a.Count => a[n],
        _ => null,
    };

    static void Set(JsonNode parent, string segment, JsonNode? value)
    {
        switch (parent)
        {
            case JsonObject o:
                o[segment] = value;
                break;
            case JsonArray a when int.TryParse(segment, out var n) && n >= 0 && n <= 1000:
                while (a.Count <= n) a.Add(null);
                a[n] = value;
                break;
            default:
                throw Fail.InvalidJson();
        }
    }

    /// <summary>The form text as the JSON the model expects at that place.</summary>
    static JsonNode? Leaf(string text, Type? type, bool unknownProperty)
    {
        var target = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (unknownProperty) return JsonValue.Create(text); // Zoom ignores unknown properties
        if (target == typeof(string)) return JsonValue.Create(text);
        if (target == typeof(int) || target == typeof(long))
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : throw Fail.InvalidJson();
        if (target == typeof(bool))
            return bool.TryParse(text, out var b) ? JsonValue.Create(b) : throw Fail.InvalidJson();
        if (target == typeof(List<string>)) return new JsonArray(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());
        // free-form (settings) or unknown: booleans and integers by their look
        if (bool.TryParse(text, out var flag)) return JsonValue.Create(flag);
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(number);
        return JsonValue.Create(text);
    }
}
