using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Roster.Domain.Sandbox;

/// <summary>A seed file as read: its tree (JSON values), and the line each node starts on.</summary>
public sealed partial class SeedDocument
{
    public const int MaxChars = 4 * 1024 * 1024;
    public const int MaxNodes = 200_000;

    readonly Dictionary<JsonNode, int> _lines = new(ReferenceEqualityComparer.Instance);
    public JsonNode? Root { get; private set; }

    public int LineOf(JsonNode? node) => node is not null && _lines.TryGetValue(node, out var line) ? line : 0;

    /// <summary>Reads YAML (or JSON, which is YAML too); refused with the line and reason when it cannot be read.</summary>
    public static SeedDocument Parse(string text)
    {
        if (text.Length > MaxChars) throw Seeding.Refused([new SeedProblem(0, "", $"the file is larger than {MaxChars / (1024 * 1024)} MB")]);
        var doc = new SeedDocument();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Seeding.Refused([new SeedProblem((int)e.Start.Line, "", e.InnerException?.Message ?? e.Message)]);
        }
        if (stream.Documents.Count > 1) throw Seeding.Refused([new SeedProblem((int)stream.Documents[1].RootNode.Start.Line, "", "one document per file")]);
        var nodes = 0;
        doc.Root = stream.Documents.Count == 0 ? null : doc.Convert(stream.Documents[0].RootNode, ref nodes, 0);
        return doc;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Real();

    JsonNode? Convert(YamlNode node, ref int nodes, int depth)
    {
        if (++nodes > MaxNodes) throw Seeding.Refused([new SeedProblem((int)node.Start.Line, "", $"more than {MaxNodes} values")]);
        if (depth > 32) throw Seeding.Refused([new SeedProblem((int)node.Start.Line, "", "nested too deeply")]);
        JsonNode? made;
        switch (node)
        {
            case YamlMappingNode map:
                var o = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                        throw Seeding.Refused([new SeedProblem((int)key.Start.Line, "", "keys are plain names")]);
                    if (o.ContainsKey(name)) throw Seeding.Refused([new SeedProblem((int)key.Start.Line, name, $"\"{name}\" is given twice")]);
                    o[name] = Convert(value, ref nodes, depth + 1);
                    if (o[name] is null) _nullLines[(o, name)] = (int)value.Start.Line;
                }
                made = o;
                break;
            case YamlSequenceNode seq:
                var a = new JsonArray();
                foreach (var item in seq.Children) a.Add(Convert(item, ref nodes, depth + 1));
                made = a;
                break;
            case YamlScalarNode scalar:
                var v = scalar.Value ?? "";
                if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) made = JsonValue.Create(v);
                else if (v is "" or "~" or "null" or "Null" or "NULL") return null;
                else if (v is "true" or "True" or "TRUE") made = JsonValue.Create(true);
                else if (v is "false" or "False" or "FALSE") made = JsonValue.Create(false);
                else if (Integer().IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) made = JsonValue.Create(n);
                else if (Real().IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) made = JsonValue.Create(d);
                else made = JsonValue.Create(v);
                break;
            default:
                throw Seeding.Refused([new SeedProblem((int)node.Start.Line, "", "unsupported YAML node")]);
        }
        _lines[made] = (int)node.Start.Line;
        return made;
    }

    readonly Dictionary<(JsonObject, string), int> _nullLines = [];

    /// <summary>The line of a member (also when its value is null).</summary>
    public int LineOf(JsonObject parent, string name)
        => parent[name] is { } value ? LineOf(value) : _nullLines.TryGetValue((parent, name), out var line) ? line : LineOf(parent);
}
