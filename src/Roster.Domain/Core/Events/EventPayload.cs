using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Roster.Domain.Events;

/// <summary>
/// What one event says, as a typed record: one record per event type. The list below is the one mapping between an
/// event type (<see cref="EventTypes"/>, the outbox's <c>type</c>) and its record; a record is written to the outbox's
/// <c>payload</c> as its own type (no discriminator), so the JSON is exactly the <c>object</c>/<c>old_object</c> shape
/// stored before events were typed, and every stored row reads back as its record (<see cref="DomainEvent.Payload"/>).
/// A new event type is a constant in <see cref="EventTypes"/>, its record, and one line here.
/// </summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(UserCreated), EventTypes.UserCreated)]
[JsonDerivedType(typeof(UserUpdated), EventTypes.UserUpdated)]
[JsonDerivedType(typeof(UserSettingsUpdated), EventTypes.UserSettingsUpdated)]
[JsonDerivedType(typeof(UserActivated), EventTypes.UserActivated)]
[JsonDerivedType(typeof(UserDeactivated), EventTypes.UserDeactivated)]
[JsonDerivedType(typeof(UserDeleted), EventTypes.UserDeleted)]
[JsonDerivedType(typeof(UserDisassociated), EventTypes.UserDisassociated)]
[JsonDerivedType(typeof(UserInvitationAccepted), EventTypes.UserInvitationAccepted)]
[JsonDerivedType(typeof(UserSignedIn), EventTypes.UserSignedIn)]
[JsonDerivedType(typeof(UserSignedOut), EventTypes.UserSignedOut)]
[JsonDerivedType(typeof(UserEmailChanged), EventTypes.UserEmailChanged)]
[JsonDerivedType(typeof(UserPasswordChanged), EventTypes.UserPasswordChanged)]
[JsonDerivedType(typeof(UserPictureUpdated), EventTypes.UserPictureUpdated)]
[JsonDerivedType(typeof(UserPictureDeleted), EventTypes.UserPictureDeleted)]
[JsonDerivedType(typeof(UserPresenceStatusUpdated), EventTypes.UserPresenceStatusUpdated)]
[JsonDerivedType(typeof(UserTokensRevoked), EventTypes.UserTokensRevoked)]
[JsonDerivedType(typeof(UserAccountSwitched), EventTypes.UserAccountSwitched)]
[JsonDerivedType(typeof(UserAssistantsAdded), EventTypes.UserAssistantsAdded)]
[JsonDerivedType(typeof(UserAssistantsDeleted), EventTypes.UserAssistantsDeleted)]
[JsonDerivedType(typeof(UserSchedulersDeleted), EventTypes.UserSchedulersDeleted)]
[JsonDerivedType(typeof(GroupCreated), EventTypes.GroupCreated)]
[JsonDerivedType(typeof(GroupUpdated), EventTypes.GroupUpdated)]
[JsonDerivedType(typeof(GroupDeleted), EventTypes.GroupDeleted)]
[JsonDerivedType(typeof(GroupMemberAdded), EventTypes.GroupMemberAdded)]
[JsonDerivedType(typeof(GroupMemberDeleted), EventTypes.GroupMemberDeleted)]
[JsonDerivedType(typeof(GroupAdminAdded), EventTypes.GroupAdminAdded)]
[JsonDerivedType(typeof(GroupAdminDeleted), EventTypes.GroupAdminDeleted)]
[JsonDerivedType(typeof(GroupSettingsUpdated), EventTypes.GroupSettingsUpdated)]
[JsonDerivedType(typeof(GroupLockSettingsUpdated), EventTypes.GroupLockSettingsUpdated)]
[JsonDerivedType(typeof(AccountCreated), EventTypes.AccountCreated)]
[JsonDerivedType(typeof(AccountUpdated), EventTypes.AccountUpdated)]
[JsonDerivedType(typeof(AccountDisassociated), EventTypes.AccountDisassociated)]
[JsonDerivedType(typeof(AccountDeleted), EventTypes.AccountDeleted)]
[JsonDerivedType(typeof(AppCreated), EventTypes.AppCreated)]
[JsonDerivedType(typeof(RoleCreated), EventTypes.RoleCreated)]
[JsonDerivedType(typeof(RoleUpdated), EventTypes.RoleUpdated)]
[JsonDerivedType(typeof(RoleDeleted), EventTypes.RoleDeleted)]
[JsonDerivedType(typeof(AppSecretRotated), EventTypes.AppSecretRotated)]
[JsonDerivedType(typeof(StoreReplaced), EventTypes.StoreReplaced)]
[JsonDerivedType(typeof(ClockChanged), EventTypes.ClockChanged)]
[JsonDerivedType(typeof(FaultsChanged), EventTypes.FaultsChanged)]
public abstract record EventPayload
{
    static readonly Dictionary<string, Type> Records = [];
    static readonly Dictionary<Type, string> Types = [];

    static EventPayload()
    {
        foreach (var derived in EventPayloadJson.Default.EventPayload.PolymorphismOptions!.DerivedTypes)
        {
            var type = (string)derived.TypeDiscriminator!;
            Records.Add(type, derived.DerivedType);
            Types.Add(derived.DerivedType, type);
        }
    }

    /// <summary>The event type this record is recorded as.</summary>
    [JsonIgnore]
    public string EventType => Types[GetType()];

    /// <summary>Every event type and its record.</summary>
    public static IReadOnlyDictionary<string, Type> All => Records;

    /// <summary>The record of an event type, or null for a type with none (an event this build does not know).</summary>
    public static Type? RecordOf(string eventType) => Records.GetValueOrDefault(eventType);

    /// <summary>The stored data of an event of <paramref name="eventType"/> as its record, or null for a type with none.</summary>
    public static EventPayload? Read(string eventType, JsonObject data)
        => RecordOf(eventType) is { } type ? (EventPayload?)JsonSerializer.Deserialize(data, Info(type)) : null;

    /// <summary>The JSON the outbox stores for this record.</summary>
    public JsonObject ToData() => JsonSerializer.SerializeToNode(this, Info(GetType()))!.AsObject();

    static JsonTypeInfo Info(Type type) => EventPayloadJson.Default.GetTypeInfo(type)
        ?? throw new InvalidOperationException($"{type.Name} is not in the event JSON context.");
}
