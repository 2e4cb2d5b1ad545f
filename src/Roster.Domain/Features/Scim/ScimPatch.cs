using Roster.Domain.Errors;

namespace Roster.Domain.Scim;

/// <summary>
/// RFC 7644 §3.5.2 PATCH over a User resource in canonical form, as leniently as the connectors need (reference §5):
/// <c>op</c> in any case (Entra's <c>Replace</c>), boolean strings (<c>"False"</c>), <c>add</c>/<c>replace</c> without a
/// path whose value object has plain, dotted or URN-qualified names, value paths (<c>emails[type eq "work"].value</c>),
/// and any <c>schemas</c> (Zoom's own examples send the ListResponse URN). RFC 7643 attributes Roster does not serve are
/// ignored; other unknown paths are 400 <c>invalidPath</c>; <c>id</c>, <c>meta</c> and <c>schemas</c> are 400 <c>mutability</c>.
/// </summary>
public static class ScimPatch
{
    public const int MaxOperations = 100;

    public static JsonObject Apply(JsonObject resource, JsonObject body)
    {
        var operations = body.FirstOrDefault(p => string.Equals(p.Key, "Operations", StringComparison.OrdinalIgnoreCase)).Value as JsonArray;
        if (operations is null || operations.Count == 0) throw Fail.ScimInvalidSyntax("A PatchOp needs a non-empty Operations array.");
        if (operations.Count > MaxOperations) throw Fail.ScimInvalidValue($"A PatchOp may hold at most {MaxOperations} operations.");
        var result = resource.DeepClone().AsObject();
        foreach (var item in operations)
        {
            if (item is not JsonObject op) throw Fail.ScimInvalidSyntax("Each operation must be an object.");
            string? Field(string name) => op.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value switch
            {
                null => null,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                _ => throw Fail.ScimInvalidSyntax($"An operation's {name} must be a string."),
            };
            var kind = Field("op")?.ToLowerInvariant();
            var path = Field("path");
            var hasValue = op.Any(p => string.Equals(p.Key, "value", StringComparison.OrdinalIgnoreCase));
            var value = op.FirstOrDefault(p => string.Equals(p.Key, "value", StringComparison.OrdinalIgnoreCase)).Value;
            switch (kind)
            {
                case "add" or "replace" when string.IsNullOrEmpty(path):
                    if (value is not JsonObject members) throw Fail.ScimInvalidValue($"An {kind} without a path needs an object value.");
                    foreach (var (key, v) in ScimFlatten(members)) Write(result, key, v, kind);
                    break;
                case "add" or "replace":
                    if (!hasValue) throw Fail.ScimInvalidValue($"An {kind} needs a value.");
                    Write(result, path!, value, kind);
                    break;
                case "remove":
                    if (string.IsNullOrEmpty(path)) throw Fail.ScimNoTarget("(none)");
                    Remove(result, path, value);
                    break;
                default:
                    throw Fail.ScimInvalidSyntax($"Unknown op \"{Field("op")}\": use add, replace or remove.");
            }
        }
        return result;
    }

    /// <summary>A pathless value's members as paths: an extension's object gives one path per member.</summary>
    static IEnumerable<(string Path, JsonNode? Value)> ScimFlatten(JsonObject members)
    {
        foreach (var (key, v) in members)
        {
            if (string.Equals(key, "schemas", StringComparison.OrdinalIgnoreCase)) continue;
            if (ScimSchema.Of(key) is { } ext && ext.Id != ScimSchema.User && v is JsonObject inner)
            {
                foreach (var (sub, sv) in inner) yield return ($"{ext.Id}:{sub}", sv);
            }
            else yield return (key, v);
        }
    }

    sealed record Target(string Attribute, string? Filter, string? Sub);

    /// <summary>Splits <c>attr[filter].sub</c> (with or without a URN) into its parts.</summary>
    static Target Split(string path)
    {
        var open = path.IndexOf('[', StringComparison.Ordinal);
        if (open < 0) return new Target(path, null, null);
        var close = path.LastIndexOf(']');
        if (close < open) throw Fail.ScimInvalidPath(path);
        var sub = close + 1 < path.Length ? path[(close + 1)..] : null;
        if (sub is not null && !sub.StartsWith('.')) throw Fail.ScimInvalidPath(path);
        return new Target(path[..open], path[(open + 1)..close], sub?[1..]);
    }

    static ResolvedPath? Known(string path, string attribute)
    {
        var bare = attribute.Contains(':', StringComparison.Ordinal) ? attribute[(attribute.LastIndexOf(':') + 1)..] : attribute;
        if (bare is "id" or "meta" or "schemas" || bare.StartsWith("meta.", StringComparison.OrdinalIgnoreCase)) throw Fail.ScimMutability(bare);
        if (ScimSchema.Resolve(attribute) is { } at) return at;
        var top = bare.Split('.')[0];
        if (ScimUserChange.IgnoredAttributes.Contains(bare) || ScimUserChange.IgnoredAttributes.Contains(top)) return null;
        throw Fail.ScimInvalidPath(path);
    }

    static void Write(JsonObject resource, string path, JsonNode? value, string kind)
    {
        var t = Split(path);
        if (Known(path, t.Attribute) is not { } at) return;
        if (t.Filter is null)
        {
            if (at.Sub is null && at.Attribute.MultiValued && kind == "add")
            {
                var holder = at.Extension is null ? resource : (JsonObject)(resource[at.Extension] ??= new JsonObject());
                var list = holder[at.Attribute.Name] as JsonArray ?? [];
                holder[at.Attribute.Name] = list;
                foreach (var item in value is JsonArray many ? many.ToList() : [value]) list.Add(item?.DeepClone());
                return;
            }
            ScimUserChange.Set(resource, t.Attribute, value);
            return;
        }
        foreach (var item in Matching(resource, path, at, t.Filter, kind == "replace"))
        {
            if (t.Sub is null)
            {
                if (value is not JsonObject parts) throw Fail.ScimInvalidValue($"{path} needs an object value.");
                foreach (var (k, v) in parts) item[k] = v?.DeepClone();
            }
            else item[t.Sub] = value?.DeepClone();
        }
    }

    static void Remove(JsonObject resource, string path, JsonNode? value)
    {
        var t = Split(path);
        if (Known(path, t.Attribute) is not { } at) return;
        var holder = at.Extension is null ? resource : resource[at.Extension] as JsonObject;
        if (holder is null) return;
        if (t.Filter is null)
        {
            if (at.Sub is null)
            {
                if (at.Attribute.MultiValued && value is JsonArray gone && holder[at.Attribute.Name] is JsonArray list)
                {
                    // Entra: {"op":"Remove","path":"members","value":[{"value":"<id>"}]}
                    foreach (var g in gone.OfType<JsonObject>())
                        foreach (var item in list.OfType<JsonObject>().Where(i => JsonNode.DeepEquals(i["value"], g["value"])).ToList()) list.Remove(item);
                }
                else holder.Remove(at.Attribute.Name);
            }
            else (holder[at.Attribute.Name] as JsonObject)?.Remove(at.Sub.Name);
            return;
        }
        var matched = Matching(resource, path, at, t.Filter, required: true).ToList();
        if (holder[at.Attribute.Name] is not JsonArray items) return;
        foreach (var item in matched)
            if (t.Sub is null) items.Remove(item);
            else item.Remove(t.Sub);
    }

    static IEnumerable<JsonObject> Matching(JsonObject resource, string path, ResolvedPath at, string filter, bool required)
    {
        if (!at.Attribute.MultiValued || at.Sub is not null) throw Fail.ScimInvalidPath(path);
        var test = ScimFilter.Parse($"{at.Attribute.Name}[{filter}]") as ScimFilter.ValuePath ?? throw Fail.ScimInvalidPath(path);
        var holder = at.Extension is null ? resource : resource[at.Extension] as JsonObject;
        var found = (holder?[at.Attribute.Name] as JsonArray)?.OfType<JsonObject>().Where(i => test.Inner.Matches(i)).ToList() ?? [];
        if (found.Count == 0 && required) throw Fail.ScimNoTarget(path);
        return found;
    }
}
