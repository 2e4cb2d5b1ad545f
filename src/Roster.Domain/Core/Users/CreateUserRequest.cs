using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
namespace Roster.Domain.Users;

[Description("Features of a new user.")]
public sealed class NewUserFeature
{
    [JsonPropertyName("zoom_phone"), Description("Give the user Zoom Phone.")] public bool? ZoomPhone { get; set; }
    [JsonPropertyName("zoom_one_type"), Description("Zoom One plan type.")] public long? ZoomOneType { get; set; }
}

[Description("The `user_info` of a create request.")]
public sealed class NewUserInfo
{
    [JsonPropertyName("email"), Description("E-mail address."), Required] public string? Email { get; set; }
    [JsonPropertyName("type"), Description("Plan type: 1 Basic, 2 Licensed, 4 No Meetings License, 99 None (only with `ssoCreate`)."), Required] public int? Type { get; set; }
    [JsonPropertyName("first_name"), Description("First name.")] public string? FirstName { get; set; }
    [JsonPropertyName("last_name"), Description("Last name.")] public string? LastName { get; set; }
    [JsonPropertyName("display_name"), Description("Display name.")] public string? DisplayName { get; set; }
    [JsonPropertyName("password"), Description("Password (only with `autoCreate`).")] public string? Password { get; set; }
    [JsonPropertyName("feature"), Description("Features to give the user.")] public NewUserFeature? Feature { get; set; }
    [JsonPropertyName("plan_united_type"), Description("Zoom United plan type.")] public string? PlanUnitedType { get; set; }
    [JsonPropertyName("division_ids"), Description("Division ids.")] public List<string>? DivisionIds { get; set; }
    [JsonPropertyName("license_info_list"), Description("Add-on licences to give the user.")] public List<LicenseInfo>? LicenseInfoList { get; set; }
    /// <summary>A group of the account the new user joins.</summary>
    [JsonPropertyName("group_id"), Description("A group to put the new user in (its first group becomes its primary).")] public string? GroupId { get; set; }
}

/// <summary>Body of POST /users.</summary>
[Description("Body of POST /users.")]
public sealed class CreateUserRequest
{
    [JsonPropertyName("action"), Description("`create`, `autoCreate`, `custCreate` or `ssoCreate`."), Required] public string? Action { get; set; }
    [JsonPropertyName("user_info"), Description("The user."), Required] public NewUserInfo? UserInfo { get; set; }
}
