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
        "timezone", "pic_url", "vanity_name", "host_key", "dept", "language", "custom_attributes",
    ];

    /// <param name="e">The recorded event.</param>
    /// <param name="operatorEmail">The e-mail of the user who made the change (<see cref="DomainEvent.OperatorId"/>), if known.</param>
    /// <returns>The body, or null when Zoom sends no webhook for this change.</returns>
    public static JsonObject? For(DomainEvent e, string? operatorEmail)
    {
        var data = e.Data;
        var o = data["object"] as JsonObject ?? [];
        var payload = new JsonObject { ["account_id"] = e.AccountId };
        void Operator()
        {
            payload["operator"] = operatorEmail ?? "";
            payload["operator_id"] = e.OperatorId ?? "";
        }
        string eventName;
        switch (e.Type)
        {
            case EventTypes.UserCreated:
                eventName = e.Type;
                Operator();
                payload["creation_type"] = o["creation_type"]?.GetValue<string>() ?? "create";
                payload["object"] = Pick(o, "id", "email", "type", "first_name", "last_name", "display_name");
                break;
            case EventTypes.UserInvitationAccepted:
                eventName = e.Type;
                payload["object"] = Pick(o, "id", "email", "type", "first_name", "last_name");
                break;
            case EventTypes.UserActivated or EventTypes.UserDeactivated or EventTypes.UserDisassociated:
                eventName = e.Type;
                Operator();
                payload["object"] = Pick(o, "id", "first_name", "last_name", "email", "type");
                break;
            case EventTypes.UserDeleted:
                eventName = e.Type;
                Operator();
                payload["object"] = Pick(o, "id", "email", "type", "first_name", "last_name");
                break;
            case EventTypes.UserUpdated or EventTypes.UserEmailChanged:
            {
                eventName = EventTypes.UserUpdated;
                var changed = Pick(o, UpdatedFields);
                if (changed.Count == 0) return null; // nothing Zoom reports changed (e.g. a status or a verified flag)
                Operator();
                payload["time_stamp"] = e.OccurredAt.ToUnixTimeMilliseconds();
                changed.Insert(0, "id", o["id"]?.DeepClone());
                payload["object"] = changed;
                if (data["old_object"] is JsonObject old)
                {
                    var previous = Pick(old, UpdatedFields);
                    previous.Insert(0, "id", o["id"]?.DeepClone());
                    payload["old_object"] = previous;
                }
                break;
            }
            case EventTypes.UserPasswordChanged or EventTypes.UserTokensRevoked:
                eventName = EventTypes.UserUpdated;
                Operator();
                payload["operation"] = e.Type == EventTypes.UserPasswordChanged ? "change_password" : "sign_out_from_all_devices";
                payload["time_stamp"] = e.OccurredAt.ToUnixTimeMilliseconds();
                payload["object"] = Pick(o, "id");
                break;
            case EventTypes.UserSettingsUpdated:
            {
                eventName = e.Type;
                Operator();
                payload["time_stamp"] = e.OccurredAt.ToUnixTimeMilliseconds();
                payload["object"] = new JsonObject { ["id"] = e.SubjectId, ["settings"] = o.DeepClone() };
                if (data["old_object"] is JsonObject old) payload["old_object"] = new JsonObject { ["id"] = e.SubjectId, ["settings"] = old.DeepClone() };
                break;
            }
            case EventTypes.UserSignedIn or EventTypes.UserSignedOut:
                // on Roster's pages (the consent page, activating an invitation): a browser, e-mail and password; a
                // client's sign-in or out acted out by the sandbox says which client
                eventName = e.Type;
                payload["object"] = new JsonObject
                {
                    ["id"] = o["id"]?.DeepClone(), ["email"] = o["email"]?.DeepClone(),
                    ["date_time"] = DateTime(e),
                    ["version"] = o["version"]?.DeepClone() ?? "", ["client_type"] = o["client_type"]?.DeepClone() ?? "browser",
                    ["login_type"] = o["login_type"]?.DeepClone() ?? 100,
                };
                break;
            case EventTypes.UserPresenceStatusUpdated:
                // set through the API: no client app changed it, so Zoom's optional app{} is left out
                eventName = e.Type;
                payload["object"] = new JsonObject
                {
                    ["id"] = o["id"]?.DeepClone(), ["email"] = o["email"]?.DeepClone(),
                    ["date_time"] = DateTime(e),
                    ["presence_status"] = o["presence_status"]?.DeepClone(),
                };
                break;
            default:
                return null;
        }
        return new JsonObject { ["event"] = eventName, ["event_ts"] = e.OccurredAt.ToUnixTimeMilliseconds(), ["payload"] = payload };
    }

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
