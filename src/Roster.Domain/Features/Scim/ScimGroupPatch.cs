using System.Text.RegularExpressions;
using Roster.Domain.Errors;

namespace Roster.Domain.Scim;

/// <summary>
/// A group PATCH (RFC 7644 §3.5.2) read into what it ends with: the name, and the member ids in order. Ops are
/// case-insensitive (Entra's <c>Replace</c>, <c>Add</c>, <c>Remove</c>); paths are <c>displayName</c>, <c>members</c>
/// (add, replace, remove all or, with a value, those listed) and <c>members[value eq "id"]</c> (remove); a pathless op
/// carries <c>displayName</c> and/or <c>members</c>. Anything else is a SCIM 400 and nothing is applied.
/// </summary>
public static partial class ScimGroupPatch
{
    [GeneratedRegex("""^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemberPath();

    public static (string Name, List<string> Members) Apply(string name, IReadOnlyList<string> members, JsonObject body)
    {
        if (body.Count == 0) throw Fail.ScimEmptyBody();
        if (body["Operations"] is not JsonArray { Count: > 0 } ops) throw Fail.ScimInvalidSyntax("Operations must be a non-empty array.");
        var list = members.ToList();
        foreach (var node in ops)
        {
            if (node is not JsonObject op || op["op"] is not JsonValue opValue || opValue.GetValueKind() != JsonValueKind.String)
                throw Fail.ScimInvalidSyntax("Each operation needs an op: add, remove or replace.");
            var kind = opValue.GetValue<string>().ToLowerInvariant();
            if (kind is not ("add" or "remove" or "replace")) throw Fail.ScimInvalidSyntax($"Unknown op \"{opValue.GetValue<string>()}\".");
            var path = op["path"] is JsonValue p && p.GetValueKind() == JsonValueKind.String ? p.GetValue<string>().Trim() : null;
            var value = op["value"];
            if (string.IsNullOrEmpty(path))
            {
                if (kind == "remove" || value is not JsonObject attrs) throw Fail.ScimInvalidSyntax("An op without a path carries an object value (add or replace).");
                foreach (var (key, v) in attrs)
                    name = Attribute(kind, key, v, name, list);
                continue;
            }
            if (MemberPath().Match(path) is { Success: true } m)
            {
                if (kind != "remove") throw Fail.ScimGroupPath(path);
                list.Remove(m.Groups[1].Value);
                continue;
            }
            if (kind == "remove")
            {
                if (string.Equals(path, "members", StringComparison.OrdinalIgnoreCase))
                {
                    if (value is null) list.Clear();
                    else foreach (var id in Ids(value)) list.Remove(id);
                    continue;
                }
                if (string.Equals(path, "displayName", StringComparison.OrdinalIgnoreCase)) throw Fail.ScimGroupName();
                throw Fail.ScimGroupPath(path);
            }
            name = Attribute(kind, path, value, name, list);
        }
        return (name, list);
    }

    static string Attribute(string kind, string path, JsonNode? value, string name, List<string> list)
    {
        if (string.Equals(path, "displayName", StringComparison.OrdinalIgnoreCase))
            return value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Fail.ScimGroupName();
        if (!string.Equals(path, "members", StringComparison.OrdinalIgnoreCase)) throw Fail.ScimGroupPath(path);
        var ids = Ids(value);
        if (kind == "replace") list.Clear();
        foreach (var id in ids)
            if (!list.Contains(id)) list.Add(id);
        return name;
    }

    /// <summary>The user ids of a members value: an array of <c>{value}</c> objects (one object alone is taken as one).</summary>
    static List<string> Ids(JsonNode? value)
    {
        var items = value switch { JsonArray a => a.ToList(), JsonObject o => [o], _ => throw Fail.ScimInvalidValue("members takes an array of {\"value\": \"<user id>\"}.") };
        return items.Select(i => i is JsonObject o && o["value"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0
            ? v.GetValue<string>()
            : throw Fail.ScimInvalidValue("members takes an array of {\"value\": \"<user id>\"}.")).ToList();
    }
}
