using System.Reflection;
using Roster.Domain.Errors;

namespace Roster.Domain.Settings;

/// <summary>
/// Zoom's user settings document (reference §5.2 and §5.4), loaded from the generated
/// <c>settings-schema.json</c>. It gives GET its full document with defaults, and PATCH its validation.
/// </summary>
public sealed class SettingsSchema
{
    /// <summary>The sections of the full document, in Zoom's order.</summary>
    public static readonly string[] Sections =
        ["schedule_meeting", "in_meeting", "email_notification", "recording", "telephony", "feature", "tsp", "profile", "audio_conferencing", "whiteboard"];

    public SettingNode Root { get; } = new("", "", SettingType.Object);

    /// <summary>
    /// Defaults for values the reference declares no default for. Zoom documents no per-account defaults
    /// (reference §15); these are the values a new Zoom user is commonly seen with (docs/compatibility.md).
    /// </summary>
    static readonly Dictionary<string, JsonNode> ChosenDefaults = new()
    {
        ["schedule_meeting.require_password_for_pmi_meetings"] = "none",
        ["schedule_meeting.meeting_password_requirement.length"] = 6,
        ["schedule_meeting.meeting_password_requirement.consecutive_characters_length"] = 0,
        ["in_meeting.allow_participants_chat_with"] = 3,
        ["in_meeting.allow_users_save_chats"] = 2,
        ["in_meeting.who_can_share_screen"] = "host",
        ["in_meeting.who_can_share_screen_when_someone_is_sharing"] = "host",
        ["in_meeting.participants_share_simultaneously"] = "one",
        ["in_meeting.meeting_reactions_emojis"] = "all",
        ["in_meeting.screen_sharing"] = true,
        ["in_meeting.join_from_desktop"] = true,
        ["in_meeting.join_from_mobile"] = true,
        ["schedule_meeting.personal_meeting"] = true,
        ["schedule_meeting.require_password_for_scheduling_new_meetings"] = true,
        ["schedule_meeting.require_password_for_instant_meetings"] = true,
        ["schedule_meeting.embed_password_in_join_link"] = true,
        ["recording.local_recording"] = true,
        ["feature.concurrent_meeting"] = "None",
        // Zoom documents no default and 0 is outside its enum (a strict client rejects the document): the smallest member
        ["feature.zoom_events_capacity"] = 500,
        ["telephony.telephony_regions.selection_values"] = "US",
        ["profile.recording_storage_location.value"] = "US",
        ["meeting_security.auto_security"] = true,
        ["meeting_security.meeting_password"] = true,
        ["meeting_security.waiting_room"] = true,
        ["meeting_security.encryption_type"] = "enhanced_encryption",
        ["meeting_security.meeting_password_requirement.length"] = 6,
        ["meeting_security.meeting_password_requirement.consecutive_characters_length"] = 0,
        ["meeting_security.waiting_room_settings.participants_to_place_in_waiting_room"] = 0,
        ["meeting_security.waiting_room_settings.users_who_can_admit_participants_from_waiting_room"] = 0,
    };

    static readonly Dictionary<string, JsonArray> ChosenArrays = new()
    {
        ["telephony.telephony_regions.allowed_values"] = ["US"],
        ["profile.recording_storage_location.allowed_values"] = ["US"],
        ["in_meeting.language_interpretation.languages"] = ["English", "Chinese", "Japanese", "German", "French", "Russian", "Portuguese", "Spanish", "Korean"],
    };

    // Declared after the default tables: static fields initialise in text order.
    public static SettingsSchema Instance { get; } = Load();

    static SettingsSchema Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Roster.Domain.settings-schema.json")
            ?? throw new InvalidOperationException("settings-schema.json is not embedded");
        var doc = JsonNode.Parse(stream)!.AsObject();
        var schema = new SettingsSchema();
        foreach (var f in doc["fields"]!.AsArray())
            schema.Add(f!.AsObject());
        return schema;
    }

    void Add(JsonObject f)
    {
        var path = f["path"]!.GetValue<string>();
        var type = f["type"]!.GetValue<string>() switch
        {
            "boolean" => SettingType.Boolean,
            "string" => SettingType.String,
            "integer" => SettingType.Integer,
            "object" => SettingType.Object,
            "string[]" => SettingType.StringArray,
            "integer[]" => SettingType.IntegerArray,
            "object[]" => SettingType.ObjectArray,
            _ => SettingType.Array,
        };
        if (path.EndsWith("[]", StringComparison.Ordinal)) path = path[..^2];
        var node = Resolve(path, create: true)!;
        // an object row may arrive after its children created it implicitly
        if (!(type == SettingType.Object && node.Type == SettingType.ObjectArray)) node.Type = type;
        node.Get = f["get"]!.GetValue<bool>();
        node.Patch = f["patch"]!.GetValue<bool>();
        node.Enum = f["enum"]?.DeepClone().AsArray();
        node.Max = f["max"]?.GetValue<int>();
        node.Default = f["default"]?.DeepClone();
        if (ChosenDefaults.TryGetValue(path, out var chosen)) node.Default = chosen.DeepClone();
        if (ChosenArrays.TryGetValue(path, out var arr)) node.Default = arr.DeepClone();
        if (node.Default is null && type == SettingType.Boolean) node.Default = false;
    }

    /// <summary>Finds (or creates) the node of a dotted path; <c>a.b[].c</c> descends into the items of array <c>b</c>.</summary>
    SettingNode? Resolve(string path, bool create)
    {
        var node = Root;
        var prefix = "";
        foreach (var raw in path.Split('.'))
        {
            var intoItem = raw.EndsWith("[]", StringComparison.Ordinal);
            var name = intoItem ? raw[..^2] : raw;
            prefix = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (!node.Children.TryGetValue(name, out var child))
            {
                if (!create) return null;
                child = new SettingNode(name, prefix, SettingType.Object);
                node.Children[name] = child;
            }
            if (intoItem)
            {
                child.Type = SettingType.ObjectArray;
                child.Item ??= new SettingNode(name, prefix + "[]", SettingType.Object);
                node = child.Item;
            }
            else node = child;
        }
        return node;
    }

    public SettingNode? Find(string path) => Resolve(path, create: false);

    /// <summary>Builds the defaults of a node (only readable values), or null when nothing applies.</summary>
    public static JsonNode? DefaultsOf(SettingNode node)
    {
        if (!node.Get) return null;
        if (node.IsContainer)
        {
            var obj = new JsonObject();
            foreach (var child in node.Children.Values)
                if (DefaultsOf(child) is { } v) obj[child.Name] = v;
            return obj.Count == 0 ? null : obj;
        }
        return node.Default?.DeepClone();
    }

    /// <summary>
    /// Checks a PATCH body against the schema under <paramref name="node"/>. Unknown and read-only fields are
    /// dropped, as Zoom ignores them; a wrong type or a value outside the enum is a code-300 field error.
    /// </summary>
    public static JsonObject CleanPatch(SettingNode node, JsonObject body, List<FieldError> errors)
    {
        var clean = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (!node.Children.TryGetValue(key, out var child) || !child.Patch) continue;
            var field = child.Path;
            if (child.IsContainer)
            {
                if (value is JsonObject inner)
                {
                    var sub = CleanPatch(child, inner, errors);
                    if (sub.Count > 0) clean[key] = sub;
                }
                else errors.Add(new FieldError(field, "Invalid field."));
                continue;
            }
            if (CheckLeaf(child, value)) clean[key] = value?.DeepClone();
            else errors.Add(new FieldError(field, "Invalid field."));
        }
        return clean;
    }

    static bool CheckLeaf(SettingNode node, JsonNode? value)
    {
        if (value is null) return false;
        switch (node.Type)
        {
            case SettingType.Boolean:
                return value.GetValueKind() is JsonValueKind.True or JsonValueKind.False;
            case SettingType.String:
                if (value.GetValueKind() != JsonValueKind.String) return false;
                var s = value.GetValue<string>();
                if (node.Max is { } max && s.Length > max) return false;
                return InEnum(node, value);
            case SettingType.Integer:
                if (!IsInteger(value)) return false;
                if (node.Max is { } imax && value.GetValue<long>() > imax) return false;
                return InEnum(node, value);
            case SettingType.StringArray:
                return value is JsonArray sa && sa.All(i => i is not null && i.GetValueKind() == JsonValueKind.String && InEnum(node, i));
            case SettingType.IntegerArray:
                return value is JsonArray ia && ia.All(i => i is not null && IsInteger(i) && InEnum(node, i));
            case SettingType.ObjectArray:
                if (value is not JsonArray oa) return false;
                foreach (var item in oa)
                {
                    if (item is not JsonObject io) return false;
                    if (node.Item is null) continue;
                    foreach (var (k, v) in io)
                        if (node.Item.Children.TryGetValue(k, out var c) && !c.IsContainer && !CheckLeaf(c, v)) return false;
                }
                return true;
            default:
                return value is JsonArray;
        }
    }

    static bool IsInteger(JsonNode value)
        => value.GetValueKind() == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _);

    static bool InEnum(SettingNode node, JsonNode value)
        => node.Enum is null || node.Enum.Any(e => JsonNode.DeepEquals(e, value));

    /// <summary>
    /// Removes from a document under <paramref name="node"/> the leaves Zoom's GET schema does not have: a PATCH may set
    /// a write-only leaf (kept, so it still takes effect), but GET answers only what Zoom's GET shows.
    /// </summary>
    public static void DropUnreadable(SettingNode node, JsonObject value)
    {
        foreach (var (key, child) in value.ToList())
        {
            if (!node.Children.TryGetValue(key, out var childNode)) continue;
            if (!childNode.Get) value.Remove(key);
            else if (childNode.IsContainer && child is JsonObject inner) DropUnreadable(childNode, inner);
        }
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> leaf by leaf; arrays are replaced whole.</summary>
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject po && target[key] is JsonObject to) Merge(to, po);
            else target[key] = value?.DeepClone();
        }
    }
}
