namespace Roster.Domain.Users;

/// <summary>
/// The profile fields a user holds and a PATCH /users/{userId} may set, named once: <see cref="UserProfile"/> holds them,
/// <see cref="UserUpdate"/> carries the ones to change (null: unchanged).
/// </summary>
public abstract class ProfileFields
{
    [JsonPropertyName("first_name")] public string? FirstName { get; set; }
    [JsonPropertyName("last_name")] public string? LastName { get; set; }
    [JsonPropertyName("display_name")] public string? DisplayName { get; set; }
    [JsonPropertyName("timezone")] public string? Timezone { get; set; }
    [JsonPropertyName("language")] public string? Language { get; set; }
    [JsonPropertyName("dept")] public string? Dept { get; set; }
    [JsonPropertyName("company")] public string? Company { get; set; }
    [JsonPropertyName("job_title")] public string? JobTitle { get; set; }
    [JsonPropertyName("location")] public string? Location { get; set; }
    [JsonPropertyName("manager")] public string? Manager { get; set; }
    [JsonPropertyName("cost_center")] public string? CostCenter { get; set; }
    [JsonPropertyName("cms_user_id")] public string? CmsUserId { get; set; }
    [JsonPropertyName("host_key")] public string? HostKey { get; set; }
    [JsonPropertyName("phone_country")] public string? PhoneCountry { get; set; }
    [JsonPropertyName("phone_number")] public string? PhoneNumber { get; set; }
    [JsonPropertyName("phone_numbers")] public List<PhoneNumber>? PhoneNumbers { get; set; }
    [JsonPropertyName("pronouns")] public string? Pronouns { get; set; }
    [JsonPropertyName("pronouns_option")] public int? PronounsOption { get; set; }
    [JsonPropertyName("custom_attributes")] public List<CustomAttribute>? CustomAttributes { get; set; }
    [JsonPropertyName("division_ids")] public List<string>? DivisionIds { get; set; }
    [JsonPropertyName("zoom_one_type")] public long? ZoomOneType { get; set; }
    [JsonPropertyName("plan_united_type")] public string? PlanUnitedType { get; set; }
    [JsonPropertyName("about_me")] public string? AboutMe { get; set; }
    [JsonPropertyName("linkedin_url")] public string? LinkedinUrl { get; set; }
    [JsonPropertyName("license_info_list")] public List<LicenseInfo>? LicenseInfoList { get; set; }
}
