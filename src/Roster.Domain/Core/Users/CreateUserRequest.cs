namespace Roster.Domain.Users;

public sealed class NewUserFeature
{
    [JsonPropertyName("zoom_phone")] public bool? ZoomPhone { get; set; }
    [JsonPropertyName("zoom_one_type")] public long? ZoomOneType { get; set; }
}

public sealed class NewUserInfo
{
    [JsonPropertyName("email")] public string? Email { get; set; }
    [JsonPropertyName("type")] public int? Type { get; set; }
    [JsonPropertyName("first_name")] public string? FirstName { get; set; }
    [JsonPropertyName("last_name")] public string? LastName { get; set; }
    [JsonPropertyName("display_name")] public string? DisplayName { get; set; }
    [JsonPropertyName("password")] public string? Password { get; set; }
    [JsonPropertyName("feature")] public NewUserFeature? Feature { get; set; }
    [JsonPropertyName("plan_united_type")] public string? PlanUnitedType { get; set; }
    [JsonPropertyName("division_ids")] public List<string>? DivisionIds { get; set; }
    [JsonPropertyName("license_info_list")] public List<LicenseInfo>? LicenseInfoList { get; set; }
}

/// <summary>Body of POST /users.</summary>
public sealed class CreateUserRequest
{
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("user_info")] public NewUserInfo? UserInfo { get; set; }
}
