using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Webhooks;

/// <summary>
/// Zoom's webhook body for a recorded change (reference: zoom-webhooks.md §4): the envelope <c>event</c>,
/// <c>event_ts</c> (ms) and <c>payload</c> with <c>account_id</c>, the operator where Zoom sends one, and
/// <c>object</c> (and <c>old_object</c>) in the shape Zoom documents for that event. Roster's own event types map to
/// Zoom's (an e-mail change is a <c>user.updated</c>; a password change and a sign-out from all devices are
/// <c>user.updated</c> with Zoom's <c>operation</c>); events Zoom has no webhook for give none.
/// </summary>
public static class WebhookBodies
{
    /// <summary>The <c>user.updated</c> fields Zoom sends (only those that changed).</summary>
    static readonly string[] UpdatedFields =
    [
        "first_name", "last_name", "display_name", "email", "type", "phone_number", "phone_country", "company", "pmi", "use_pmi",
        "timezone", "pic_url", "vanity_name", "host_key", "role", "dept", "language", "custom_attributes", "primary_group_id",
    ];

    /// <param name="e">The recorded event.</param>
    /// <param name="operatorEmail">The e-mail of the user who made the change (<see cref="DomainEvent.OperatorId"/>), if known.</param>
    /// <returns>The body, or null when Zoom sends no webhook for this change.</returns>
    public static JsonObject? For(DomainEvent e, string? operatorEmail)
    {
        var payload = new JsonObject { ["account_id"] = e.AccountId };
        void Operator()
        {
            payload["operator"] = operatorEmail ?? "";
            payload["operator_id"] = e.OperatorId ?? "";
        }
        string eventName = e.Type;
        var recorded = e.Payload;
        switch (recorded)
        {
            case UserCreated created:
                Operator();
                payload["creation_type"] = created.CreationType;
                payload["object"] = Pick(created.Object, "id", "email", "type", "first_name", "last_name", "display_name");
                break;
            case UserInvitationAccepted { Object: var u }:
                payload["object"] = Listed(u);
                break;
            case IUserEvent { Object: var u } when recorded is UserActivated or UserDeactivated or UserDisassociated:
                Operator();
                payload["object"] = new JsonObject { ["id"] = u.Id, ["first_name"] = u.FirstName, ["last_name"] = u.LastName, ["email"] = u.Email, ["type"] = u.Type };
                break;
            case UserDeleted { Object: var u }:
                Operator();
                payload["object"] = Listed(u);
                break;
            case IUserChanges changes when recorded is UserUpdated or UserEmailChanged: // Zoom has no webhook for user.account_switched
            {
                eventName = EventTypes.UserUpdated;
                var changed = Pick(changes.Object, UpdatedFields);
                if (changed.Count == 0) return null; // nothing Zoom reports changed (e.g. a status or a verified flag)
                Operator();
                payload["time_stamp"] = e.OccurredAt.ToUnixTimeMilliseconds();
                changed.Insert(0, "id", changes.Object["id"]?.DeepClone());
                payload["object"] = changed;
                if (changes.OldObject is { } old)
                {
                    var previous = Pick(old, UpdatedFields);
                    previous.Insert(0, "id", changes.Object["id"]?.DeepClone());
                    payload["old_object"] = previous;
                }
                break;
            }
            case UserPasswordChanged { Object: var u }:
                Updated(u, "change_password");
                break;
            case UserTokensRevoked { Object: var u }:
                Updated(u, "sign_out_from_all_devices");
                break;
            case UserSettingsUpdated settings:
                Operator();
                payload["time_stamp"] = e.OccurredAt.ToUnixTimeMilliseconds();
                payload["object"] = new JsonObject { ["id"] = e.SubjectId, ["settings"] = settings.Object.DeepClone() };
                if (settings.OldObject is { } was) payload["old_object"] = new JsonObject { ["id"] = e.SubjectId, ["settings"] = was.DeepClone() };
                break;
            case IUserEvent { Object: var u } when recorded is UserSignedIn or UserSignedOut:
                // on Roster's pages (the consent page, activating an invitation): a browser, e-mail and password; a
                // client's sign-in or out acted out by the sandbox says which client
                payload["object"] = new JsonObject
                {
                    ["id"] = u.Id, ["email"] = u.Email, ["date_time"] = DateTime(e),
                    ["version"] = u.Version ?? "", ["client_type"] = u.ClientType ?? "browser", ["login_type"] = u.LoginType ?? LoginTypes.WorkEmail,
                };
                break;
            case UserPresenceStatusUpdated { Object: var u }:
                // set through the API: no client app changed it, so Zoom's optional app{} is left out
                payload["object"] = new JsonObject
                {
                    ["id"] = u.Id, ["email"] = u.Email, ["date_time"] = DateTime(e), ["presence_status"] = u.PresenceStatus,
                };
                break;
            case GroupCreated { Object: var g }:
                Grouped(GroupObject(g));
                break;
            case GroupUpdated updated:
                Grouped(GroupObject(updated.Object));
                payload["old_object"] = GroupObject(updated.OldObject);
                break;
            case GroupDeleted { Object: var g }:
                Grouped(GroupObject(g));
                break;
            case GroupMemberAdded { Object: var m }:
                Grouped(GroupUsers(m.Id, "members", m.Members));
                break;
            case GroupMemberDeleted { Object: var m }:
                Grouped(GroupUsers(m.Id, "members", m.Members));
                break;
            case GroupAdminAdded { Object: var a }:
                Grouped(GroupUsers(a.Id, "admins", a.Admins));
                break;
            case GroupAdminDeleted { Object: var a }:
                Grouped(GroupUsers(a.Id, "admins", a.Admins));
                break;
            case GroupSettingsUpdated settings:
                Grouped(GroupSettingsObject(settings.Object));
                payload["old_object"] = GroupSettingsObject(settings.OldObject);
                break;
            case GroupLockSettingsUpdated locks:
                Grouped(GroupSettingsObject(locks.Object));
                payload["old_object"] = GroupSettingsObject(locks.OldObject);
                break;
            default:
                return null;
        }
        return new JsonObject { ["event"] = eventName, ["event_ts"] = e.OccurredAt.ToUnixTimeMilliseconds(), ["payload"] = payload };

        // group.* bodies: the operator, when, and the object (zoom-groups.md §4)
        void Grouped(JsonObject o)
        {
            Operator();
            payload["time_stamp"] = e.OccurredAt.ToUnixTimeMilliseconds();
            payload["object"] = o;
        }

        // a password change and a sign-out from all devices are Zoom's user.updated with an operation
        void Updated(EventUser u, string operation)
        {
            eventName = EventTypes.UserUpdated;
            Operator();
            payload["operation"] = operation;
            payload["time_stamp"] = e.OccurredAt.ToUnixTimeMilliseconds();
            payload["object"] = new JsonObject { ["id"] = u.Id };
        }
    }

    /// <summary>A group as Zoom's <c>group.*</c> bodies show it: <c>{id, name}</c>, the name where the event has one.</summary>
    static JsonObject GroupObject(EventGroup g)
    {
        var o = new JsonObject { ["id"] = g.Id };
        if (g.Name is not null) o["name"] = g.Name;
        return o;
    }

    /// <summary>A group's changed settings leaves as <c>group.settings_updated</c> and <c>group.lock_settings_updated</c> show them: <c>{id, settings{…}}</c>.</summary>
    static JsonObject GroupSettingsObject(EventGroupSettings g) => new() { ["id"] = g.Id, ["settings"] = g.Settings.DeepClone() };

    /// <summary>A group and the users an event is about: <c>{id, members[]{id, email}}</c> (or <c>admins</c>).</summary>
    static JsonObject GroupUsers(string groupId, string name, IReadOnlyList<EventGroupUser> users)
        => new() { ["id"] = groupId, [name] = new JsonArray([.. users.Select(u => (JsonNode)new JsonObject { ["id"] = u.Id, ["email"] = u.Email })]) };

    /// <summary>The <c>object</c> of an accepted invitation and a deleted user.</summary>
    static JsonObject Listed(EventUser u) => new() { ["id"] = u.Id, ["email"] = u.Email, ["type"] = u.Type, ["first_name"] = u.FirstName, ["last_name"] = u.LastName };

    /// <summary>The <c>date_time</c> of sign-in and presence events: when the change happened, to the second, in UTC.</summary>
    static string DateTime(DomainEvent e) => e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The named members of <paramref name="from"/> that it has, in the order named.</summary>
    static JsonObject Pick(JsonObject from, params string[] names)
    {
        var o = new JsonObject();
        foreach (var name in names)
            if (from.TryGetPropertyValue(name, out var value)) o[name] = value?.DeepClone();
        return o;
    }
}
