namespace Roster.Domain.Users;

public sealed class UserUpdateFeature
{
    [JsonPropertyName("zoom_phone")] public bool? ZoomPhone { get; set; }
}

/// <summary>Body of PATCH /users/{userId}: every field optional, only present fields change.</summary>
public sealed class UserUpdate : ProfileFields
{
    [JsonPropertyName("type")] public int? Type { get; set; }
    [JsonPropertyName("pmi")] public long? Pmi { get; set; }
    [JsonPropertyName("use_pmi")] public bool? UsePmi { get; set; }
    [JsonPropertyName("vanity_name")] public string? VanityName { get; set; }
    [JsonPropertyName("group_id")] public string? GroupId { get; set; }
    [JsonPropertyName("feature")] public UserUpdateFeature? Feature { get; set; }
}
