namespace Roster.Domain.Settings;

/// <summary>One node of the settings tree: a section, an object, or a leaf with its type, enum and default.</summary>
public sealed class SettingNode(string name, string path, SettingType type)
{
    public string Name { get; } = name;
    public string Path { get; } = path;
    public SettingType Type { get; internal set; } = type;
    public bool Get { get; internal set; } = true;
    public bool Patch { get; internal set; } = true;
    public JsonArray? Enum { get; internal set; }
    public JsonNode? Default { get; internal set; }
    public int? Max { get; internal set; }
    public Dictionary<string, SettingNode> Children { get; } = new(StringComparer.Ordinal);
    /// <summary>For object arrays: the shape of one item.</summary>
    public SettingNode? Item { get; internal set; }
    public bool IsContainer => Type is SettingType.Object;
}
