namespace Roster.Client.Models;

/// <summary>Zoom's user plan types. <c>User.Type</c> is an int so that values newer than this client are kept.</summary>
public static class UserTypes
{
    /// <summary>Basic (free).</summary>
    public const int Basic = 1;
    /// <summary>Licensed.</summary>
    public const int Licensed = 2;
    /// <summary>On-prem (legacy).</summary>
    public const int OnPrem = 3;
    /// <summary>No Meetings License.</summary>
    public const int NoMeetingsLicense = 4;
    /// <summary>None (only with ssoCreate).</summary>
    public const int None = 99;
}

/// <summary>Zoom's user statuses; <c>User.Status</c> is a string so that unknown values are kept.</summary>
public static class UserStatuses
{
    /// <summary>Active.</summary>
    public const string Active = "active";
    /// <summary>Deactivated.</summary>
    public const string Inactive = "inactive";
    /// <summary>Invited, not yet accepted.</summary>
    public const string Pending = "pending";
}

/// <summary>A phone number of a user.</summary>
public sealed class PhoneNumber
{
    /// <summary>Country calling code, e.g. <c>+1</c>.</summary>
    [JsonPropertyName("code")] public string? Code { get; set; }
    /// <summary>Country id, e.g. <c>US</c>.</summary>
    [JsonPropertyName("country")] public string? Country { get; set; }
    /// <summary><c>Mobile</c>, <c>Office</c>, <c>Home</c> or <c>Fax</c>.</summary>
    [JsonPropertyName("label")] public string? Label { get; set; }
    /// <summary>The number.</summary>
    [JsonPropertyName("number")] public string? Number { get; set; }
    /// <summary>Whether the number is verified (read only).</summary>
    [JsonPropertyName("verified")] public bool? Verified { get; set; }
}

/// <summary>A custom attribute of a user.</summary>
public sealed class CustomAttribute
{
    /// <summary>Attribute key.</summary>
    [JsonPropertyName("key")] public string? Key { get; set; }
    /// <summary>Attribute name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>Attribute value.</summary>
    [JsonPropertyName("value")] public string? Value { get; set; }
}

/// <summary>A user as GET /users/{userId} returns it (and, with fewer fields, as GET /users lists it).</summary>
public sealed class User
{
    /// <summary>User id (absent for pending users in lists).</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }
    /// <summary>E-mail address.</summary>
    [JsonPropertyName("email")] public string Email { get; set; } = "";
    /// <summary>First name.</summary>
    [JsonPropertyName("first_name")] public string? FirstName { get; set; }
    /// <summary>Last name.</summary>
    [JsonPropertyName("last_name")] public string? LastName { get; set; }
    /// <summary>Display name.</summary>
    [JsonPropertyName("display_name")] public string? DisplayName { get; set; }
    /// <summary>Plan type, see <see cref="UserTypes"/>.</summary>
    [JsonPropertyName("type")] public int Type { get; set; }
    /// <summary>Status, see <see cref="UserStatuses"/>.</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>Role name (Owner, Admin, Member or custom).</summary>
    [JsonPropertyName("role_name")] public string? RoleName { get; set; }
    /// <summary>Role id.</summary>
    [JsonPropertyName("role_id")] public string? RoleId { get; set; }
    /// <summary>Personal meeting id.</summary>
    [JsonPropertyName("pmi")] public long? Pmi { get; set; }
    /// <summary>Whether instant meetings use the PMI.</summary>
    [JsonPropertyName("use_pmi")] public bool? UsePmi { get; set; }
    /// <summary>PMI join link.</summary>
    [JsonPropertyName("personal_meeting_url")] public string? PersonalMeetingUrl { get; set; }
    /// <summary>Personal link.</summary>
    [JsonPropertyName("vanity_url")] public string? VanityUrl { get; set; }
    /// <summary>IANA time zone.</summary>
    [JsonPropertyName("timezone")] public string? Timezone { get; set; }
    /// <summary>Language, e.g. <c>en-US</c>.</summary>
    [JsonPropertyName("language")] public string? Language { get; set; }
    /// <summary>Department.</summary>
    [JsonPropertyName("dept")] public string? Department { get; set; }
    /// <summary>Company.</summary>
    [JsonPropertyName("company")] public string? Company { get; set; }
    /// <summary>Job title.</summary>
    [JsonPropertyName("job_title")] public string? JobTitle { get; set; }
    /// <summary>Location.</summary>
    [JsonPropertyName("location")] public string? Location { get; set; }
    /// <summary>Manager's e-mail.</summary>
    [JsonPropertyName("manager")] public string? Manager { get; set; }
    /// <summary>Cost center.</summary>
    [JsonPropertyName("cost_center")] public string? CostCenter { get; set; }
    /// <summary>Profile picture URL.</summary>
    [JsonPropertyName("pic_url")] public string? PicUrl { get; set; }
    /// <summary>When the user was created (for pending users: the time of the call).</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    /// <summary>When the user was really created.</summary>
    [JsonPropertyName("user_created_at")] public DateTimeOffset? UserCreatedAt { get; set; }
    /// <summary>Last sign-in.</summary>
    [JsonPropertyName("last_login_time")] public DateTimeOffset? LastLoginTime { get; set; }
    /// <summary>The client of the last sign-in, e.g. <c>6.2.0.1234(mac)</c>.</summary>
    [JsonPropertyName("last_client_version")] public string? LastClientVersion { get; set; }
    /// <summary>The identity provider's id of an SSO user.</summary>
    [JsonPropertyName("employee_unique_id")] public string? EmployeeUniqueId { get; set; }
    /// <summary>1 when the e-mail is verified.</summary>
    [JsonPropertyName("verified")] public int? Verified { get; set; }
    /// <summary>Account id.</summary>
    [JsonPropertyName("account_id")] public string? AccountId { get; set; }
    /// <summary>Account number.</summary>
    [JsonPropertyName("account_number")] public long? AccountNumber { get; set; }
    /// <summary>Sign-in methods (99 API user, 100 work e-mail, 101 SSO…).</summary>
    [JsonPropertyName("login_types")] public List<int>? LoginTypes { get; set; }
    /// <summary>Group ids.</summary>
    [JsonPropertyName("group_ids")] public List<string>? GroupIds { get; set; }
    /// <summary>Phone numbers.</summary>
    [JsonPropertyName("phone_numbers")] public List<PhoneNumber>? PhoneNumbers { get; set; }
    /// <summary>Custom attributes (lists: only with include_fields=custom_attributes).</summary>
    [JsonPropertyName("custom_attributes")] public List<CustomAttribute>? CustomAttributes { get; set; }
    /// <summary>Host key (lists: only with include_fields=host_key).</summary>
    [JsonPropertyName("host_key")] public string? HostKey { get; set; }
    /// <summary>Fields this version of the client does not know, kept as they came.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>One page of GET /users.</summary>
public sealed class UserPage
{
    /// <summary>The users of this page.</summary>
    [JsonPropertyName("users")] public List<User> Users { get; set; } = [];
    /// <summary>Token for the next page; empty on the last page.</summary>
    [JsonPropertyName("next_page_token")] public string? NextPageToken { get; set; }
    /// <summary>Users across all pages.</summary>
    [JsonPropertyName("total_records")] public int TotalRecords { get; set; }
    /// <summary>Page size used.</summary>
    [JsonPropertyName("page_size")] public int PageSize { get; set; }
    /// <summary>Page number (deprecated by Zoom).</summary>
    [JsonPropertyName("page_number")] public int PageNumber { get; set; }
    /// <summary>Number of pages (deprecated by Zoom).</summary>
    [JsonPropertyName("page_count")] public int PageCount { get; set; }
}

/// <summary>Filters and paging of <see cref="UsersClient.ListAsync"/>.</summary>
public sealed class ListUsersOptions
{
    /// <summary><c>active</c> (default), <c>inactive</c> or <c>pending</c>.</summary>
    public string? Status { get; set; }
    /// <summary>Users per page, 1–300 (Zoom's default 30).</summary>
    public int? PageSize { get; set; }
    /// <summary>Role id filter.</summary>
    public string? RoleId { get; set; }
    /// <summary>Comma-separated extra fields: <c>custom_attributes</c>, <c>host_key</c>.</summary>
    public string? IncludeFields { get; set; }
    /// <summary>Token of the page to fetch.</summary>
    public string? NextPageToken { get; set; }
    /// <summary>Only users with this add-on licence: <c>zoom_workforce_management</c> or <c>zoom_compliance_management</c>.</summary>
    public string? License { get; set; }
}

/// <summary>The <c>user_info</c> of a create request.</summary>
public sealed class NewUser
{
    /// <summary>E-mail address (required).</summary>
    [JsonPropertyName("email")] public required string Email { get; set; }
    /// <summary>Plan type (required), see <see cref="UserTypes"/>.</summary>
    [JsonPropertyName("type")] public required int Type { get; set; }
    /// <summary>First name.</summary>
    [JsonPropertyName("first_name")] public string? FirstName { get; set; }
    /// <summary>Last name.</summary>
    [JsonPropertyName("last_name")] public string? LastName { get; set; }
    /// <summary>Display name.</summary>
    [JsonPropertyName("display_name")] public string? DisplayName { get; set; }
    /// <summary>Password (only for <c>autoCreate</c>).</summary>
    [JsonPropertyName("password")] public string? Password { get; set; }
}

/// <summary>Body of POST /users.</summary>
public sealed class CreateUserRequest
{
    /// <summary><c>create</c>, <c>autoCreate</c>, <c>custCreate</c> or <c>ssoCreate</c>.</summary>
    [JsonPropertyName("action")] public required string Action { get; set; }
    /// <summary>The user.</summary>
    [JsonPropertyName("user_info")] public required NewUser UserInfo { get; set; }
}

/// <summary>What POST /users answers.</summary>
public sealed class CreatedUser
{
    /// <summary>New user id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    /// <summary>E-mail.</summary>
    [JsonPropertyName("email")] public string Email { get; set; } = "";
    /// <summary>First name.</summary>
    [JsonPropertyName("first_name")] public string? FirstName { get; set; }
    /// <summary>Last name.</summary>
    [JsonPropertyName("last_name")] public string? LastName { get; set; }
    /// <summary>Plan type.</summary>
    [JsonPropertyName("type")] public int Type { get; set; }
}

/// <summary>Body of PATCH /users/{userId}: only the properties set are sent.</summary>
public sealed class UpdateUserRequest
{
    /// <summary>First name.</summary>
    [JsonPropertyName("first_name")] public string? FirstName { get; set; }
    /// <summary>Last name.</summary>
    [JsonPropertyName("last_name")] public string? LastName { get; set; }
    /// <summary>Display name.</summary>
    [JsonPropertyName("display_name")] public string? DisplayName { get; set; }
    /// <summary>Plan type.</summary>
    [JsonPropertyName("type")] public int? Type { get; set; }
    /// <summary>Personal meeting id (10 digits).</summary>
    [JsonPropertyName("pmi")] public long? Pmi { get; set; }
    /// <summary>Use the PMI for instant meetings.</summary>
    [JsonPropertyName("use_pmi")] public bool? UsePmi { get; set; }
    /// <summary>Personal link name.</summary>
    [JsonPropertyName("vanity_name")] public string? VanityName { get; set; }
    /// <summary>Host key (6–10 digits).</summary>
    [JsonPropertyName("host_key")] public string? HostKey { get; set; }
    /// <summary>IANA time zone.</summary>
    [JsonPropertyName("timezone")] public string? Timezone { get; set; }
    /// <summary>Language.</summary>
    [JsonPropertyName("language")] public string? Language { get; set; }
    /// <summary>Department.</summary>
    [JsonPropertyName("dept")] public string? Department { get; set; }
    /// <summary>Company.</summary>
    [JsonPropertyName("company")] public string? Company { get; set; }
    /// <summary>Job title.</summary>
    [JsonPropertyName("job_title")] public string? JobTitle { get; set; }
    /// <summary>Location.</summary>
    [JsonPropertyName("location")] public string? Location { get; set; }
    /// <summary>Manager's e-mail.</summary>
    [JsonPropertyName("manager")] public string? Manager { get; set; }
    /// <summary>Cost center.</summary>
    [JsonPropertyName("cost_center")] public string? CostCenter { get; set; }
    /// <summary>Phone numbers.</summary>
    [JsonPropertyName("phone_numbers")] public List<PhoneNumber>? PhoneNumbers { get; set; }
    /// <summary>Custom attributes.</summary>
    [JsonPropertyName("custom_attributes")] public List<CustomAttribute>? CustomAttributes { get; set; }
    /// <summary>Pronouns.</summary>
    [JsonPropertyName("pronouns")] public string? Pronouns { get; set; }
    /// <summary>1 ask, 2 always show, 3 never show.</summary>
    [JsonPropertyName("pronouns_option")] public int? PronounsOption { get; set; }
}

/// <summary>Options of DELETE /users/{userId}.</summary>
public sealed class DeleteUserOptions
{
    /// <summary><c>disassociate</c> (default) or <c>delete</c>.</summary>
    public string? Action { get; set; }
    /// <summary>Who receives the user's data.</summary>
    public string? TransferEmail { get; set; }
    /// <summary>Transfer meetings.</summary>
    public bool? TransferMeeting { get; set; }
    /// <summary>Transfer webinars.</summary>
    public bool? TransferWebinar { get; set; }
    /// <summary>Transfer recordings.</summary>
    public bool? TransferRecording { get; set; }
}

/// <summary>An assistant to add: by id or by e-mail.</summary>
public sealed class AssistantRef
{
    /// <summary>Assistant's user id.</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }
    /// <summary>Assistant's e-mail.</summary>
    [JsonPropertyName("email")] public string? Email { get; set; }
    /// <summary>May manage the host's private events.</summary>
    [JsonPropertyName("can_manage_host_private_event")] public bool? CanManageHostPrivateEvent { get; set; }
}

/// <summary>An assistant of a user.</summary>
public sealed class Assistant
{
    /// <summary>User id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    /// <summary>E-mail.</summary>
    [JsonPropertyName("email")] public string Email { get; set; } = "";
    /// <summary>May manage the host's private events.</summary>
    [JsonPropertyName("can_manage_host_private_event")] public bool? CanManageHostPrivateEvent { get; set; }
}

/// <summary>A user for whom this user schedules.</summary>
public sealed class Scheduler
{
    /// <summary>User id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    /// <summary>E-mail.</summary>
    [JsonPropertyName("email")] public string Email { get; set; } = "";
    /// <summary>The scheduler's PMI.</summary>
    [JsonPropertyName("pmi")] public long? Pmi { get; set; }
}

/// <summary>An authentication option (option=meeting_authentication|recording_authentication).</summary>
public sealed class AuthenticationOption
{
    /// <summary>Option id.</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }
    /// <summary>Display name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>enforce_login, enforce_login_with_domains, enforce_login_with_same_account or internally.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    /// <summary>Comma-separated domains.</summary>
    [JsonPropertyName("domains")] public string? Domains { get; set; }
    /// <summary>Shown to the user.</summary>
    [JsonPropertyName("visible")] public bool? Visible { get; set; }
    /// <summary>The default option.</summary>
    [JsonPropertyName("default_option")] public bool? DefaultOption { get; set; }
    /// <summary><c>update</c>, <c>show</c> or <c>hide</c> (updates only).</summary>
    [JsonPropertyName("action")] public string? Action { get; set; }
}

/// <summary>GET/PATCH settings with option=meeting_authentication or recording_authentication.</summary>
public sealed class AuthenticationSettings
{
    /// <summary>Only signed-in users may join meetings.</summary>
    [JsonPropertyName("meeting_authentication")] public bool? MeetingAuthentication { get; set; }
    /// <summary>Only signed-in users may view recordings.</summary>
    [JsonPropertyName("recording_authentication")] public bool? RecordingAuthentication { get; set; }
    /// <summary>Hosts may exempt invitees.</summary>
    [JsonPropertyName("allow_authentication_exception")] public bool? AllowAuthenticationException { get; set; }
    /// <summary>The options (GET).</summary>
    [JsonPropertyName("authentication_options")] public List<AuthenticationOption>? AuthenticationOptions { get; set; }
    /// <summary>The option to change (PATCH).</summary>
    [JsonPropertyName("authentication_option")] public AuthenticationOption? AuthenticationOption { get; set; }
}

internal sealed class ErrorResponse
{
    [JsonPropertyName("code")] public int? Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("errors")] public List<FieldErrorDto>? Errors { get; set; }
}

internal sealed class FieldErrorDto
{
    [JsonPropertyName("field")] public string? Field { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}

/// <summary>A Virtual Background file of a user, as uploaded and as settings list it.</summary>
public sealed class VirtualBackgroundFile
{
    /// <summary>File id (for deleting it).</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    /// <summary>Whether it is the user's default background.</summary>
    [JsonPropertyName("is_default")] public bool IsDefault { get; set; }
    /// <summary>The file's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>Bytes.</summary>
    [JsonPropertyName("size")] public long Size { get; set; }
    /// <summary><c>image</c> or <c>video</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
}

/// <summary>GET /users/summary: how many users of the account there are, by type and status.</summary>
public sealed class UsersSummary
{
    /// <summary>Licensed users (type 2) that joined.</summary>
    [JsonPropertyName("licensed_users_count")] public long LicensedUsers { get; set; }
    /// <summary>Basic users (type 1) that joined.</summary>
    [JsonPropertyName("basic_users_count")] public long BasicUsers { get; set; }
    /// <summary>On-prem users (type 3) that joined.</summary>
    [JsonPropertyName("on_prem_users_count")] public long OnPremUsers { get; set; }
    /// <summary>Zoom Rooms users.</summary>
    [JsonPropertyName("room_users_count")] public long RoomUsers { get; set; }
    /// <summary>Users who have not accepted their invitation yet.</summary>
    [JsonPropertyName("pending_users_count")] public long PendingUsers { get; set; }
    /// <summary>Users without a meetings licence (type 4) that joined.</summary>
    [JsonPropertyName("join_only_users_count")] public long JoinOnlyUsers { get; set; }
    /// <summary>Every user of the account.</summary>
    [JsonPropertyName("total_users_count")] public long TotalUsers { get; set; }
}

/// <summary>A user's presence status; <see cref="EndTime"/> and <see cref="RemainingTime"/> only while a Do-Not-Disturb runs.</summary>
public sealed class PresenceStatus
{
    /// <summary>Settable: <c>Away</c>, <c>Do_Not_Disturb</c>, <c>Available</c>, <c>In_Calendar_Event</c>, <c>Presenting</c>,
    /// <c>In_A_Zoom_Meeting</c>, <c>On_A_Call</c>, <c>Out_of_Office</c>, <c>Busy</c>; also shown: <c>Offline</c>, only for a user signed in to no client.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "";
    /// <summary>When a Do-Not-Disturb ends.</summary>
    [JsonPropertyName("end_time")] public DateTimeOffset? EndTime { get; set; }
    /// <summary>Minutes left of a Do-Not-Disturb.</summary>
    [JsonPropertyName("remaining_time")] public long? RemainingTime { get; set; }
}

internal sealed class OAuthToken
{
    [JsonPropertyName("access_token")] public string AccessToken { get; set; } = "";
    [JsonPropertyName("expires_in")] public int ExpiresIn { get; set; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; set; }
    [JsonPropertyName("scope")] public string? Scope { get; set; }
}

internal sealed class OAuthError
{
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("error")] public string? Error { get; set; }
}

internal sealed record ExistedEmail([property: JsonPropertyName("existed_email")] bool ExistedEmailValue);
internal sealed record Existed([property: JsonPropertyName("existed")] bool ExistedValue);
internal sealed record Permissions([property: JsonPropertyName("permissions")] List<string> Values);
internal sealed record TokenResult([property: JsonPropertyName("token")] string? Token);
internal sealed record AssistantList([property: JsonPropertyName("assistants")] List<Assistant> Assistants);
internal sealed record AssistantAdd([property: JsonPropertyName("assistants")] List<AssistantRef> Assistants);
internal sealed record SchedulerList([property: JsonPropertyName("schedulers")] List<Scheduler> Schedulers);
internal sealed record PresenceBody([property: JsonPropertyName("status")] string Status, [property: JsonPropertyName("duration")] int? Duration);
internal sealed record StatusBody([property: JsonPropertyName("action")] string Action);
internal sealed record EmailBody([property: JsonPropertyName("email")] string Email);
internal sealed record PasswordBody([property: JsonPropertyName("password")] string Password);
internal sealed record AccountBody([property: JsonPropertyName("account_id")] string AccountId);
internal sealed record MeetingSecurityEnvelope([property: JsonPropertyName("meeting_security")] MeetingSecuritySettings? MeetingSecurity);

/// <summary>Source-generated JSON metadata for every model (no reflection at run time).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(UserPage))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(CreatedUser))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(UserSettings))]
[JsonSerializable(typeof(AuthenticationSettings))]
[JsonSerializable(typeof(MeetingSecurityEnvelope))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(OAuthToken))]
[JsonSerializable(typeof(OAuthError))]
[JsonSerializable(typeof(ExistedEmail))]
[JsonSerializable(typeof(Existed))]
[JsonSerializable(typeof(Permissions))]
[JsonSerializable(typeof(TokenResult))]
[JsonSerializable(typeof(AssistantList))]
[JsonSerializable(typeof(AssistantAdd))]
[JsonSerializable(typeof(SchedulerList))]
[JsonSerializable(typeof(StatusBody))]
[JsonSerializable(typeof(UsersSummary))]
[JsonSerializable(typeof(VirtualBackgroundFile))]
[JsonSerializable(typeof(PresenceStatus))]
[JsonSerializable(typeof(PresenceBody))]
[JsonSerializable(typeof(EmailBody))]
[JsonSerializable(typeof(PasswordBody))]
[JsonSerializable(typeof(AccountBody))]
internal sealed partial class ZoomJsonContext : JsonSerializerContext;
