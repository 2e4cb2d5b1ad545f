using Roster.Domain.Users;

namespace Roster.Domain.Events;

/// <summary>Builds events from before/after states, so that only what changed is recorded.</summary>
public static class Changes
{
    /// <summary>The fields of a user an event may show (never its password hashes or invitation token).</summary>
    public static JsonObject Snapshot(User u)
    {
        var o = JsonSerializer.SerializeToNode(u.Profile, EventJson.Default.UserProfile)!.AsObject();
        o.Remove("modified_at"); // bookkeeping for SCIM's meta.lastModified, not a field Zoom's events show
        o["id"] = u.Id;
        o["account_id"] = u.AccountId;
        o["email"] = u.Email;
        o["type"] = u.Type;
        o["status"] = u.Status;
        o["role_id"] = u.RoleId;
        o["pmi"] = u.Pmi;
        o["use_pmi"] = u.UsePmi;
        o["vanity_name"] = u.VanityName;
        o["verified"] = u.Verified ? 1 : 0;
        o["login_type"] = u.LoginType;
        return o;
    }

    /// <summary>
    /// Leaf-level difference: <c>object</c> with the new values of every changed leaf, <c>old_object</c> with the
    /// previous ones (absent leaves are null); nested objects are compared leaf by leaf, arrays as values.
    /// </summary>
    public static (JsonObject New, JsonObject Old) Diff(JsonObject before, JsonObject after) => Walk(before, after, patchOnly: false);

    /// <summary>The same for a patch: only the leaves <paramref name="patch"/> names, against <paramref name="before"/>.</summary>
    public static (JsonObject New, JsonObject Old) DiffPatch(JsonObject before, JsonObject patch) => Walk(before, patch, patchOnly: true);

    static (JsonObject New, JsonObject Old) Walk(JsonObject before, JsonObject after, bool patchOnly)
    {
        var @new = new JsonObject();
        var old = new JsonObject();
        var keys = patchOnly ? after.Select(p => p.Key) : before.Select(p => p.Key).Union(after.Select(p => p.Key));
        foreach (var key in keys)
        {
            before.TryGetPropertyValue(key, out var b);
            after.TryGetPropertyValue(key, out var a);
            if (a is JsonObject ao && (b is JsonObject || patchOnly))
            {
                var (n, o) = Walk(b as JsonObject ?? new JsonObject(), ao, patchOnly);
                if (n.Count > 0) { @new[key] = n; old[key] = o; }
            }
            else if (!JsonNode.DeepEquals(b, a))
            {
                @new[key] = a?.DeepClone();
                old[key] = b?.DeepClone();
            }
        }
        return (@new, old);
    }

    public static JsonObject Data(JsonObject @object, JsonObject? old = null)
    {
        var data = new JsonObject { ["object"] = @object };
        if (old is not null) data["old_object"] = old;
        return data;
    }

    /// <summary>
    /// The fields of a user that changed since <paramref name="before"/> (a <see cref="Snapshot"/> taken before the
    /// change), new and previous values, each with the user's id; null when nothing changed.
    /// </summary>
    public static (JsonObject New, JsonObject Old)? UserDiff(JsonObject before, User after)
    {
        var (n, o) = Diff(before, Snapshot(after));
        if (n.Count == 0) return null;
        // Zoom's user.updated says primary_group_id when the primary group (the first of group_ids) changed
        var primaryWas = before["group_ids"] is JsonArray { Count: > 0 } was ? was[0]?.GetValue<string>() ?? "" : "";
        var primaryNow = after.Profile.GroupIds is [var first, ..] ? first : "";
        if (primaryWas != primaryNow)
        {
            n["primary_group_id"] = primaryNow;
            o["primary_group_id"] = primaryWas;
        }
        n["id"] = after.Id;
        o["id"] = after.Id;
        return (n, o);
    }

    /// <summary>An event of a type named by string with <see cref="UserDiff"/>'s data (services record the typed <see cref="UserUpdated"/> and its kin).</summary>
    public static DomainEvent? UserChanged(string type, JsonObject before, User after)
        => UserDiff(before, after) is var (n, o) ? new DomainEvent(type, after.AccountId, after.Id, Data(n, o)) : null;

    /// <summary>
    /// An event of a type named by string about a user as a whole (<see cref="EventUser"/>) and <paramref name="extra"/>
    /// (services record the typed records, such as <see cref="UserActivated"/>).
    /// </summary>
    public static DomainEvent OfUser(string type, User user, JsonObject? extra = null)
    {
        var o = JsonSerializer.SerializeToNode(EventUser.Of(user), EventPayloadJson.Default.EventUser)!.AsObject();
        if (extra is not null) foreach (var (k, v) in extra) o[k] = v?.DeepClone();
        return new DomainEvent(type, user.AccountId, user.Id, Data(o));
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(UserProfile))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class EventJson : System.Text.Json.Serialization.JsonSerializerContext;
