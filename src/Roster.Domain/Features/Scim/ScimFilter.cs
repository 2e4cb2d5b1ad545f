using System.Globalization;
using Roster.Domain.Errors;

namespace Roster.Domain.Scim;

/// <summary>
/// A parsed RFC 7644 §3.4.2.2 filter over the served attributes (<see cref="ScimSchema"/>): <c>eq ne co sw ew pr gt ge
/// lt le</c>, <c>and</c>, <c>or</c>, <c>not( )</c>, grouping and value paths (<c>emails[type eq "work"]</c>). Strings
/// compare case-insensitively unless the attribute is case-exact; <c>gt ge lt le</c> order strings and date-times;
/// booleans take only <c>eq</c>, <c>ne</c> and <c>pr</c>. Anything else is 400 <c>invalidFilter</c>.
/// </summary>
public abstract record ScimFilter
{
    public const int MaxLength = 4096;

    public sealed record Compare(ResolvedPath Path, string Op, JsonNode? Value) : ScimFilter;
    public sealed record Present(ResolvedPath Path) : ScimFilter;
    public sealed record And(ScimFilter Left, ScimFilter Right) : ScimFilter;
    public sealed record Or(ScimFilter Left, ScimFilter Right) : ScimFilter;
    public sealed record Not(ScimFilter Inner) : ScimFilter;
    /// <summary><c>attr[filter]</c>: some item of a multi-valued attribute matches the inner filter (its paths are the item's sub-attributes).</summary>
    public sealed record ValuePath(ResolvedPath Path, ScimFilter Inner) : ScimFilter;

    public static ScimFilter Parse(string text)
    {
        if (text.Length > MaxLength) throw Fail.ScimInvalidFilter($"longer than {MaxLength} characters.");
        var parser = new ScimFilterParser(text, null);
        var filter = parser.ParseAll();
        return filter;
    }

    /// <summary>Whether the resource matches.</summary>
    public bool Matches(JsonObject resource) => Eval(this, resource);

    static bool Eval(ScimFilter f, JsonObject scope) => f switch
    {
        And a => Eval(a.Left, scope) && Eval(a.Right, scope),
        Or o => Eval(o.Left, scope) || Eval(o.Right, scope),
        Not n => !Eval(n.Inner, scope),
        Present p => p.Path.ValuesIn(scope).Any(IsPresent),
        Compare c => c.Path.ValuesIn(scope).Any(v => Test(c, v)),
        ValuePath vp => vp.Path.ValuesIn(scope).OfType<JsonObject>().Any(item => Eval(vp.Inner, item)),
        _ => false,
    };

    static bool IsPresent(JsonNode? v) => v switch
    {
        null => false,
        JsonValue s when s.GetValueKind() == JsonValueKind.String => s.GetValue<string>().Length > 0,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        _ => true,
    };

    static bool Test(Compare c, JsonNode? actual)
    {
        if (c.Value is null) return c.Op == "eq" ? !IsPresent(actual) : c.Op == "ne" && IsPresent(actual);
        if (actual is not JsonValue value) return c.Op == "ne";
        switch (c.Path.Type)
        {
            case "boolean":
                var b = value.GetValueKind() == JsonValueKind.True;
                var wanted = c.Value.GetValueKind() == JsonValueKind.True;
                return c.Op == "eq" ? b == wanted : b != wanted;
            case "dateTime":
                if (!DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return false;
                var to = DateTimeOffset.Parse(c.Value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                return Ordered(c.Op, at.CompareTo(to), at == to, false, false, false);
            default:
                var s = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                var w = c.Value.GetValueKind() == JsonValueKind.String ? c.Value.GetValue<string>() : c.Value.ToJsonString();
                var cmp = c.Path.CaseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
                return Ordered(c.Op, string.Compare(s, w, cmp), string.Equals(s, w, cmp), s.Contains(w, cmp), s.StartsWith(w, cmp), s.EndsWith(w, cmp));
        }
    }

    static bool Ordered(string op, int order, bool equal, bool contains, bool starts, bool ends) => op switch
    {
        "eq" => equal,
        "ne" => !equal,
        "co" => contains,
        "sw" => starts,
        "ew" => ends,
        "gt" => order > 0,
        "ge" => order >= 0,
        "lt" => order < 0,
        "le" => order <= 0,
        _ => false,
    };

    /// <summary>
    /// The users an index finds for this filter, when it narrows to them: <c>userName eq</c> (the e-mail's unique index),
    /// <c>id eq</c> or <c>externalId eq</c> (the primary key), either side of an <c>and</c>, both sides of an <c>or</c>.
    /// Null: the filter needs a scan. The whole filter is still tested on what the index finds.
    /// </summary>
    public IndexLookup? Lookup() => this switch
    {
        Compare { Op: "eq", Value: JsonValue v } c when v.GetValueKind() == JsonValueKind.String && c.Path.Extension is null && c.Path.Sub is null
            => c.Path.Attribute.Name switch
            {
                "userName" => new IndexLookup([v.GetValue<string>().ToLowerInvariant()], []),
                "id" or "externalId" => new IndexLookup([], [v.GetValue<string>()]),
                _ => null,
            },
        And a => a.Left.Lookup() ?? a.Right.Lookup(),
        Or o => o.Left.Lookup() is { } l && o.Right.Lookup() is { } r ? new IndexLookup([.. l.Emails, .. r.Emails], [.. l.Ids, .. r.Ids]) : null,
        _ => null,
    };
}

/// <summary>Users to read by key: e-mails (userName) and ids (id, externalId).</summary>
public sealed record IndexLookup(IReadOnlyList<string> Emails, IReadOnlyList<string> Ids)
{
    /// <summary>At most this many keys: a filter naming more is read by a scan.</summary>
    public const int MaxKeys = 100;
}
