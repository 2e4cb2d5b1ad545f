using Roster.Domain.Errors;

namespace Roster.Domain.Settings;

/// <summary>
/// What a member's groups give its settings (account → group → user, zoom-groups.md §3): the primary group's values
/// under the user's own, and every leaf locked in any of its groups read as the locking group's value (the first
/// locking group in the user's order, primary first; the account default when that group set none). Computed when
/// read from the groups' stored rows: nothing is copied into members.
/// </summary>
public sealed class SettingsInheritance
{
    /// <summary>A leaf one of the user's groups locks, and the value it holds there (null: the account default).</summary>
    public sealed record Lock(string Path, string GroupId, JsonNode? Value);

    readonly JsonObject _base;
    readonly Dictionary<string, Lock> _locks;

    SettingsInheritance(JsonObject @base, Dictionary<string, Lock> locks)
    {
        _base = @base;
        _locks = locks;
    }

    /// <summary>From the user's groups (primary first) and their stored rows (any order; a group without a row gives nothing); null when they give nothing.</summary>
    public static SettingsInheritance? Of(IReadOnlyList<string> groupIds, IReadOnlyList<GroupSettingsRow> rows)
    {
        if (rows.Count == 0) return null;
        var byId = rows.ToDictionary(r => r.GroupId, StringComparer.Ordinal);
        var @base = new JsonObject();
        var locks = new Dictionary<string, Lock>(StringComparer.Ordinal);
        for (var i = 0; i < groupIds.Count; i++)
        {
            if (!byId.TryGetValue(groupIds[i], out var row)) continue;
            var doc = JsonNode.Parse(row.Doc)!.AsObject();
            if (i == 0) @base = Inheritable(doc);
            foreach (var path in LockSettings.LockedPaths(JsonNode.Parse(row.Locks)!.AsObject()))
                locks.TryAdd(path, new Lock(path, row.GroupId, SettingsPaths.Get(doc, path)?.DeepClone()));
        }
        return @base.Count == 0 && locks.Count == 0 ? null : new SettingsInheritance(@base, locks);
    }

    /// <summary>What members take from a group's document: its sections and meeting security, not its own background files.</summary>
    static JsonObject Inheritable(JsonObject doc)
    {
        var kept = new JsonObject();
        foreach (var section in LockSettings.Sections)
            if (doc[section] is JsonObject value) kept[section] = value.DeepClone();
        SettingsPaths.Remove(kept, "in_meeting.virtual_background_settings.files");
        return kept;
    }

    /// <summary>The user's stored document as it reads with its groups: the primary's values, the user's over them, locked leaves last.</summary>
    public JsonObject Apply(JsonObject own)
    {
        var doc = (JsonObject)_base.DeepClone();
        SettingsSchema.Merge(doc, own);
        foreach (var l in _locks.Values)
            if (l.Value is null) SettingsPaths.Remove(doc, l.Path);
            else SettingsPaths.Set(doc, l.Path, l.Value.DeepClone());
        return doc;
    }

    public Lock? LockOf(string path) => _locks.GetValueOrDefault(path);

    /// <summary>Every leaf the user's groups lock, with the group that locks it.</summary>
    public IReadOnlyCollection<Lock> Locks => _locks.Values;

    /// <summary>
    /// A member's PATCH of locked leaves (docs/compatibility.md): a leaf sent with the value it already reads is dropped
    /// (a client writing back the document it read is not refused); one sent with another value is a field error naming
    /// the leaf and the locking group. <paramref name="current"/> is the document as read, in the patch's shape.
    /// </summary>
    public void CheckLocks(JsonObject clean, JsonObject current, List<FieldError> errors, string prefix = "")
    {
        foreach (var (key, value) in clean.ToList())
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject inner)
            {
                CheckLocks(inner, current[key] as JsonObject ?? new JsonObject(), errors, path);
                if (inner.Count == 0) clean.Remove(key);
            }
            else if (LockOf(path) is { } l)
            {
                if (JsonNode.DeepEquals(current[key], value)) clean.Remove(key);
                else errors.Add(new FieldError(path, $"This setting is locked by the group {l.GroupId}."));
            }
        }
    }
}
