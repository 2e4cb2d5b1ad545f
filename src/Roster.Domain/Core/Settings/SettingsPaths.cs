namespace Roster.Domain.Settings;

/// <summary>Reading, writing and removing one leaf of a settings document by its dotted path (<c>in_meeting.chat</c>).</summary>
public static class SettingsPaths
{
    public static JsonNode? Get(JsonObject doc, string path)
    {
        JsonNode? node = doc;
        foreach (var name in path.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(name, out node)) return null;
        }
        return node;
    }

    public static void Set(JsonObject doc, string path, JsonNode? value)
    {
        var names = path.Split('.');
        var o = doc;
        foreach (var name in names[..^1])
        {
            if (o[name] is not JsonObject inner) o[name] = inner = new JsonObject();
            o = inner;
        }
        o[names[^1]] = value;
    }

    public static void Remove(JsonObject doc, string path)
    {
        var names = path.Split('.');
        var o = doc;
        foreach (var name in names[..^1])
            if (o[name] is JsonObject inner) o = inner;
            else return;
        o.Remove(names[^1]);
    }
}
