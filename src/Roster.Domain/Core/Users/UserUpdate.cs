using System.ComponentModel;
namespace Roster.Domain.Users;

[Description("Features of a user to change.")]
public sealed class UserUpdateFeature
{
    [JsonPropertyName("zoom_phone"), Description("Whether the user has Zoom Phone.")] public bool? ZoomPhone { get; set; }
}

/// <summary>Body of PATCH /users/{userId}: every field optional, only present fields change.</summary>
[Description("Body of PATCH /users/{userId}: only the fields sent change.")]
public sealed class UserUpdate : ProfileFields
{
    [JsonPropertyName("type"), Description("Plan type.")] public int? Type { get; set; }
    [JsonPropertyName("pmi"), Description("Personal meeting id (10 digits).")] public long? Pmi { get; set; }
    [JsonPropertyName("use_pmi"), Description("Use the PMI for instant meetings.")] public bool? UsePmi { get; set; }
    [JsonPropertyName("vanity_name"), Description("Personal link name.")] public string? VanityName { get; set; }
    [JsonPropertyName("group_id"), Description("A group to add the user to.")] public string? GroupId { get; set; }
    [JsonPropertyName("feature"), Description("Features to change.")] public UserUpdateFeature? Feature { get; set; }
}
