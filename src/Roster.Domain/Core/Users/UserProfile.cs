namespace Roster.Domain.Users;

/// <summary>The free-form profile fields of a user; stored as one document, never queried by field.</summary>
public sealed class UserProfile : ProfileFields
{
    [JsonPropertyName("group_ids")] public List<string>? GroupIds { get; set; }
    [JsonPropertyName("zoom_phone")] public bool? ZoomPhone { get; set; }
    /// <summary>The client of the last sign-in, as Zoom shows it: <c>version(client_type)</c>, e.g. <c>6.2.0.1234(mac)</c>.</summary>
    [JsonPropertyName("last_client_version")] public string? LastClientVersion { get; set; }
    /// <summary>The identity provider's id of an SSO user (a SAML attribute at sign-in).</summary>
    [JsonPropertyName("employee_unique_id")] public string? EmployeeUniqueId { get; set; }
    /// <summary>The presence status last set through the API or by a client sign-in or sign-out; null: never set.</summary>
    [JsonPropertyName("presence")] public PresenceState? Presence { get; set; }
    /// <summary>The Zoom clients (client types, not the browser) the user is signed in to; null: none.</summary>
    [JsonPropertyName("signed_in_clients")] public List<string>? SignedInClients { get; set; }
    /// <summary>When a SCIM-visible attribute last changed (SCIM's <c>meta.lastModified</c>); null: not since creation. Never in events.</summary>
    [JsonPropertyName("modified_at")] public DateTimeOffset? ModifiedAt { get; set; }
}
