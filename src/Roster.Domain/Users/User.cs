using System.ComponentModel;

namespace Roster.Domain.Users;

public static class UserTypes
{
    public const int Basic = 1;
    public const int Licensed = 2;
    public const int OnPrem = 3;
    public const int NoMeetingsLicense = 4;
    public const int None = 99;
    public static readonly int[] All = [Basic, Licensed, OnPrem, NoMeetingsLicense, None];
    public static bool IsPaid(int type) => type is Licensed or OnPrem;
}

public static class UserStatuses
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Pending = "pending";
    public static readonly string[] All = [Active, Inactive, Pending];
}

public static class LoginTypes
{
    public const int ApiUser = 99;
    public const int WorkEmail = 100;
    public const int Sso = 101;
}

[Description("A phone number of a user.")]
public sealed record PhoneNumber(
    [property: JsonPropertyName("code"), Description("Country calling code, e.g. `+1`.")] string? Code,
    [property: JsonPropertyName("country"), Description("Country id, e.g. `US`.")] string? Country,
    [property: JsonPropertyName("label"), Description("`Mobile`, `Office`, `Home` or `Fax`.")] string? Label,
    [property: JsonPropertyName("number"), Description("The number.")] string? Number,
    [property: JsonPropertyName("verified"), Description("Whether the number is verified (read only).")] bool? Verified = null);

[Description("A custom attribute of a user.")]
public sealed record CustomAttribute(
    [property: JsonPropertyName("key"), Description("Attribute key.")] string? Key,
    [property: JsonPropertyName("name"), Description("Attribute name.")] string? Name,
    [property: JsonPropertyName("value"), Description("Attribute value.")] string? Value);

[Description("An add-on licence of a user.")]
public sealed record LicenseInfo(
    [property: JsonPropertyName("license_type"), Description("The licence, e.g. `zoom_workforce_management`.")] string? LicenseType,
    [property: JsonPropertyName("license_option"), Description("The licence's option.")] long? LicenseOption,
    [property: JsonPropertyName("subscription_id"), Description("The subscription the licence comes from.")] string? SubscriptionId);

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

/// <summary>A presence status as set: the status, when a Do-Not-Disturb ends (ms), and when it was set (ms).</summary>
public sealed record PresenceState(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("until")] long? Until,
    [property: JsonPropertyName("set_at")] long SetAt);

/// <summary>
/// A user as a list page shows it (GET /users, reference §4.2): what the list's items are made of, read without the
/// user's credentials, invitation and other stored state, so a page cannot carry them and reading one costs less.
/// </summary>
public sealed class UserListItem
{
    /// <summary>The list's order and the next page's key.</summary>
    public long Seq { get; init; }
    public required string Id { get; init; }
    public required string Email { get; init; }
    public int Type { get; init; }
    public required string Status { get; init; }
    public required string RoleId { get; init; }
    public int LoginType { get; init; }
    public long Pmi { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastLoginTime { get; init; }
    public bool Verified { get; init; }
    public string? PicId { get; init; }
    public required UserProfile Profile { get; init; }

    public bool IsPending => Status == UserStatuses.Pending;
}

/// <summary>A user as stored: identity, state, credentials and profile. Never written to the wire as is.</summary>
public sealed class User
{
    public long Seq { get; set; }
    public required string Id { get; init; }
    public required string AccountId { get; set; }
    public required string Email { get; set; }
    public int Type { get; set; } = UserTypes.Basic;
    public string Status { get; set; } = UserStatuses.Active;
    public string RoleId { get; set; } = Roles.MemberId;
    public int LoginType { get; set; } = LoginTypes.WorkEmail;
    public long Pmi { get; set; }
    public bool UsePmi { get; set; }
    public string? VanityName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastLoginTime { get; set; }
    public bool Verified { get; set; }
    public string? PicId { get; set; }
    public string? PasswordHash { get; set; }
    /// <summary>Hashes of earlier passwords, newest first (reuse rule, code 1129).</summary>
    public List<string> PasswordHistory { get => _passwordHistory ??= []; set => _passwordHistory = value; }
    public string? InviteToken { get; set; }
    public DateTimeOffset? InviteExpiresAt { get; set; }
    /// <summary>Tokens issued before this instant (GET /users/{id}/token) are no longer valid.</summary>
    public DateTimeOffset? TokensRevokedAt { get; set; }
    public UserProfile Profile { get => _profile ??= new(); set => _profile = value; }

    // made when first asked for: a user read from the store gets both from its row, so none is made only to be replaced
    List<string>? _passwordHistory;
    UserProfile? _profile;

    public bool IsOwner => RoleId == Roles.OwnerId;
    public bool IsAdmin => RoleId == Roles.AdminId;
    public bool IsPending => Status == UserStatuses.Pending;
    public bool InvitationExpired(DateTimeOffset now) => IsPending && InviteExpiresAt is { } exp && exp <= now;
}
