using System.Text.Json.Nodes;
using Roster.Domain.AccountRoles;

namespace Roster.Domain.Events;

/// <summary><c>role.created</c>: a custom role was made.</summary>
public sealed record RoleCreated(EventRole Object) : EventPayload;

/// <summary><c>role.updated</c>: what changed of a role (<c>object</c>, with its id) and the previous values (<c>old_object</c>).</summary>
public sealed record RoleUpdated(JsonObject Object, JsonObject OldObject) : EventPayload
{
    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/>, or null when nothing changed.</summary>
    public static RoleUpdated? Of(Role before, Role after)
    {
        var (n, o) = Changes.Diff(Snapshot(before), Snapshot(after));
        if (n.Count == 0) return null;
        n.Insert(0, "id", after.Id);
        o.Insert(0, "id", after.Id);
        return new(n, o);
    }

    static JsonObject Snapshot(Role r) => new()
    {
        ["name"] = r.Name, ["description"] = r.Description, ["privileges"] = new JsonArray([.. r.Privileges.Select(p => (JsonNode)p)]),
        ["sub_account_privileges"] = r.SubAccountLevel is { } level ? new JsonObject { ["second_level"] = level } : null,
    };
}

/// <summary><c>role.deleted</c>: a custom role was removed (it had no members).</summary>
public sealed record RoleDeleted(EventRole Object) : EventPayload;
