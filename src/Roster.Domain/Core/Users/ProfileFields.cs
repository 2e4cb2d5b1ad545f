using System.ComponentModel;
namespace Roster.Domain.Users;

/// <summary>
/// The profile fields a user holds and a PATCH /users/{userId} may set, named once: <see cref="UserProfile"/> holds them,
/// <see cref="UserUpdate"/> carries the ones to change (null: unchanged).
/// </summary>
public abstract class ProfileFields
{
    [JsonPropertyName("first_name"), Description("First name.")] public string? FirstName { get; set; }
    [JsonPropertyName("last_name"), Description("Last name.")] public string? LastName { get; set; }
    [JsonPropertyName("display_name"), Description("Display name.")] public string? DisplayName { get; set; }
    [JsonPropertyName("timezone"), Description("IANA time zone.")] public string? Timezone { get; set; }
    [JsonPropertyName("language"), Description("Language, e.g. `en-US`.")] public string? Language { get; set; }
    [JsonPropertyName("dept"), Description("Department.")] public string? Dept { get; set; }
    [JsonPropertyName("company"), Description("Company.")] public string? Company { get; set; }
    [JsonPropertyName("job_title"), Description("Job title.")] public string? JobTitle { get; set; }
    [JsonPropertyName("location"), Description("Location.")] public string? Location { get; set; }
    [JsonPropertyName("manager"), Description("Manager's e-mail.")] public string? Manager { get; set; }
    [JsonPropertyName("cost_center"), Description("Cost center.")] public string? CostCenter { get; set; }
    [JsonPropertyName("cms_user_id"), Description("Zoom's content management id of the user.")] public string? CmsUserId { get; set; }
    [JsonPropertyName("host_key"), Description("Host key (6 to 10 digits).")] public string? HostKey { get; set; }
    [JsonPropertyName("phone_country"), Description("Country of the phone number (deprecated by Zoom: see phone_numbers).")] public string? PhoneCountry { get; set; }
    [JsonPropertyName("phone_number"), Description("Phone number (deprecated by Zoom: see phone_numbers).")] public string? PhoneNumber { get; set; }
    [JsonPropertyName("phone_numbers"), Description("Phone numbers.")] public List<PhoneNumber>? PhoneNumbers { get; set; }
    [JsonPropertyName("pronouns"), Description("Pronouns.")] public string? Pronouns { get; set; }
    [JsonPropertyName("pronouns_option"), Description("1 ask, 2 always show, 3 never show.")] public int? PronounsOption { get; set; }
    [JsonPropertyName("custom_attributes"), Description("Custom attributes.")] public List<CustomAttribute>? CustomAttributes { get; set; }
    [JsonPropertyName("division_ids"), Description("Division ids.")] public List<string>? DivisionIds { get; set; }
    [JsonPropertyName("zoom_one_type"), Description("Zoom One plan type.")] public long? ZoomOneType { get; set; }
    [JsonPropertyName("plan_united_type"), Description("Zoom United plan type.")] public string? PlanUnitedType { get; set; }
    [JsonPropertyName("about_me"), Description("About me.")] public string? AboutMe { get; set; }
    [JsonPropertyName("linkedin_url"), Description("LinkedIn profile URL.")] public string? LinkedinUrl { get; set; }
    [JsonPropertyName("license_info_list"), Description("Add-on licences of the user.")] public List<LicenseInfo>? LicenseInfoList { get; set; }
}
