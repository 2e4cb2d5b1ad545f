using Roster.Domain.Auth;
using Roster.Domain.Users;

namespace Roster.Domain.Events;

/// <summary>
/// One change, as recorded in the outbox in the same transaction as the change itself: what happened
/// (<see cref="Type"/>, Zoom's event name where Zoom has one), to which account and subject, by whom, and the data:
/// <c>object</c> holds the new values of what changed (with the subject's id), <c>old_object</c> the previous ones.
/// This is the stored form (the outbox's row); what the event says is its typed record, <see cref="Payload"/>, which
/// services record through <see cref="Of(string, string?, EventPayload)"/> and consumers read.
/// </summary>
public sealed record DomainEvent(string Type, string AccountId, string? SubjectId, JsonObject Data)
{
    /// <summary>An event of <paramref name="payload"/>'s type in <paramref name="accountId"/>, about <paramref name="subjectId"/>.</summary>
    public static DomainEvent Of(string accountId, string? subjectId, EventPayload payload) => new(payload.EventType, accountId, subjectId, payload.ToData());

    /// <summary>An event about <paramref name="user"/>, in its account.</summary>
    public static DomainEvent Of(User user, EventPayload payload) => Of(user.AccountId, user.Id, payload);

    /// <summary>
    /// What the event says, as the record of its <see cref="Type"/> (read from <see cref="Data"/> on each call), or null
    /// for a type this build has no record for.
    /// </summary>
    public EventPayload? Payload => EventPayload.Read(Type, Data);

    /// <summary>The event as a <typeparamref name="T"/>, or null when it is of another type (then its data is not read).</summary>
    public T? As<T>() where T : EventPayload => Is<T>() ? (T?)Payload : null;

    /// <summary>Whether the event is of <typeparamref name="T"/>'s type.</summary>
    public bool Is<T>() where T : EventPayload => EventPayload.RecordOf(Type) == typeof(T);


    /// <summary>Set by the store when it commits the event: a store-wide increasing number.</summary>
    public long Seq { get; init; }
    /// <summary>Set by the store: the transaction that wrote the event (0 on SQLite), the first key of its <see cref="Position"/>.</summary>
    public long Tx { get; init; }
    public EventPosition Position => new(Tx, Seq);
    public string Id { get; init; } = "";
    public string? OperatorId { get; init; }
    public string? OperatorClientId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
}

/// <summary>Who made a change: a user through an app, or a user on a page (no app), or Roster itself.</summary>
public sealed record Operator(string? UserId, string? ClientId)
{
    public static Operator Of(Caller caller) => new(caller.UserId, caller.ClientId);
    public static Operator User(string userId) => new(userId, null);
    public static readonly Operator System = new(null, null);
}

/// <summary>The event types Roster records.</summary>
public static class EventTypes
{
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserSettingsUpdated = "user.settings_updated";
    public const string UserActivated = "user.activated";
    public const string UserDeactivated = "user.deactivated";
    public const string UserDeleted = "user.deleted";
    public const string UserDisassociated = "user.disassociated";
    public const string UserInvitationAccepted = "user.invitation_accepted";
    public const string UserSignedIn = "user.signed_in";
    public const string UserSignedOut = "user.signed_out";
    public const string UserEmailChanged = "user.email_changed";
    public const string UserPasswordChanged = "user.password_changed";
    public const string UserPictureUpdated = "user.picture_updated";
    public const string UserPictureDeleted = "user.picture_deleted";
    public const string UserPresenceStatusUpdated = "user.presence_status_updated";
    public const string UserTokensRevoked = "user.tokens_revoked";
    public const string UserAccountSwitched = "user.account_switched";
    public const string UserAssistantsAdded = "user.assistants_added";
    public const string UserAssistantsDeleted = "user.assistants_deleted";
    public const string UserSchedulersDeleted = "user.schedulers_deleted";
    public const string AccountCreated = "account.created";
    /// <summary>An account's plan, seats, domains or name changed (a seed file's <c>account</c>).</summary>
    public const string AccountUpdated = "account.updated";
    /// <summary>A sub account left its master (DELETE /accounts/{accountId}); recorded in the master's account.</summary>
    public const string AccountDisassociated = "account.disassociated";
    /// <summary>An account and everything of it were removed (a sandbox test account).</summary>
    public const string AccountDeleted = "account.deleted";
    public const string AppCreated = "app.created";
    public const string AppSecretRotated = "app.secret_rotated";
    /// <summary>The whole state was replaced (a reset, a restored snapshot); store-wide, of no account.</summary>
    public const string StoreReplaced = "store.replaced";
    /// <summary>The sandbox moved, froze or released the store's clock; store-wide.</summary>
    public const string ClockChanged = "store.clock_changed";
    /// <summary>The sandbox's fault rules changed (the whole list is in the event); store-wide.</summary>
    public const string FaultsChanged = "store.faults_changed";
}

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
