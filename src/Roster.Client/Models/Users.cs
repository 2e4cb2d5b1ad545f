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
internal sealed record SchedulerList([property: JsonPropertyName("schedulers")] List<Scheduler> Schedulers);
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
