namespace Roster.Domain.Scim;

/// <summary>
/// RFC 7644 §3.4.2.5 <c>attributes</c> and <c>excludedAttributes</c> (comma-separated paths, with or without a URN):
/// <c>attributes</c> keeps only what it names, <c>excludedAttributes</c> drops what it names; <c>id</c> and
/// <c>schemas</c> are always returned. Names that are no served attribute are ignored.
/// </summary>
public static class ScimProjection
{
    public static JsonObject Apply(JsonObject resource, string? attributes, string? excluded)
    {
        var keep = Paths(attributes);
        var drop = Paths(excluded);
        if (string.IsNullOrWhiteSpace(attributes) && string.IsNullOrWhiteSpace(excluded)) return resource;
        var keepMode = Names(attributes).Count > 0;
        var o = new JsonObject();
        foreach (var (key, value) in resource)
        {
            if (key is "id" or "schemas")
            {
                o[key] = value?.DeepClone();
                continue;
            }
            var ext = ScimSchema.Extensions.Contains(key) ? key : null;
            if (ext is not null && Names(excluded).Contains(ext)) continue;
            if (ext is not null && Names(attributes).Contains(ext))
            {
                o[key] = value?.DeepClone();
                continue;
            }
            if (ext is not null && value is JsonObject members)
            {
                var kept = Filter(members, ext, keep, drop, keepMode);
                if (kept.Count > 0) o[key] = kept;
                continue;
            }
            var single = Filter(new JsonObject { [key] = value?.DeepClone() }, null, keep, drop, keepMode);
            foreach (var (k, v) in single) o[k] = v?.DeepClone();
        }
        return o;
    }

    static JsonObject Filter(JsonObject members, string? ext, List<ResolvedPath> keep, List<ResolvedPath> drop, bool keepMode)
    {
        var o = new JsonObject();
        foreach (var (name, value) in members)
        {
            bool Named(ResolvedPath p) => p.Extension == ext && string.Equals(p.Attribute.Name, name, StringComparison.OrdinalIgnoreCase);
            var whole = !keepMode || keep.Any(p => Named(p) && p.Sub is null);
            var subs = keep.Where(p => Named(p) && p.Sub is not null).Select(p => p.Sub!.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (drop.Any(p => Named(p) && p.Sub is null)) continue;
            var dropSubs = drop.Where(p => Named(p) && p.Sub is not null).Select(p => p.Sub!.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!whole && subs.Count == 0) continue;
            var v = value?.DeepClone();
            if (!whole || dropSubs.Count > 0) v = Trim(v, whole ? null : subs, dropSubs);
            if (v is JsonObject { Count: 0 } or JsonArray { Count: 0 }) continue;
            o[name] = v;
        }
        return o;
    }

    static JsonNode? Trim(JsonNode? v, HashSet<string>? only, HashSet<string> without)
    {
        JsonObject One(JsonObject item)
        {
            var r = new JsonObject();
            foreach (var (k, x) in item)
                if ((only is null || only.Contains(k)) && !without.Contains(k)) r[k] = x?.DeepClone();
            return r;
        }
        return v switch
        {
            JsonObject item => One(item),
            JsonArray items => new JsonArray(items.OfType<JsonObject>().Select(i => (JsonNode)One(i)).Where(i => i.AsObject().Count > 0).ToArray()),
            _ => v,
        };
    }

    /// <summary>The names as given: a whole extension is named by its URN.</summary>
    static HashSet<string> Names(string? list)
        => (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

    static List<ResolvedPath> Paths(string? list)
        => (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(ScimSchema.Resolve).OfType<ResolvedPath>().ToList();
}
