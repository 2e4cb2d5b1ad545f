using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Roster.Domain.Abstractions;

namespace Roster.Domain.Users;

public static class CreateActions
{
    public const string Create = "create";
    public const string AutoCreate = "autoCreate";
    public const string CustCreate = "custCreate";
    public const string SsoCreate = "ssoCreate";
    public static readonly string[] All = [Create, AutoCreate, CustCreate, SsoCreate];
}

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
}

/// <summary>Body of POST /users.</summary>
[Description("Body of POST /users.")]
public sealed class CreateUserRequest
{
    [JsonPropertyName("action"), Description("`create`, `autoCreate`, `custCreate` or `ssoCreate`."), Required] public string? Action { get; set; }
    [JsonPropertyName("user_info"), Description("The user."), Required] public NewUserInfo? UserInfo { get; set; }
}

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

[Description("An assistant to add: by id or by e-mail.")]
public sealed class AssistantRef
{
    [JsonPropertyName("id"), Description("Assistant's user id.")] public string? Id { get; set; }
    [JsonPropertyName("email"), Description("Assistant's e-mail.")] public string? Email { get; set; }
    [JsonPropertyName("can_manage_host_private_event"), Description("May manage the host's private events.")] public bool? CanManageHostPrivateEvent { get; set; }
}

[Description("Body of POST /users/{userId}/assistants.")]
public sealed class AddAssistantsRequest
{
    [JsonPropertyName("assistants"), Description("The assistants to add, each by id or by e-mail."), Required] public List<AssistantRef>? Assistants { get; set; }
}

[Description("Body of PUT /users/{userId}/status.")]
public sealed class StatusRequest
{
    [JsonPropertyName("action"), Description("`activate` or `deactivate`."), Required] public string? Action { get; set; }
}

[Description("Body of PUT /users/{userId}/email.")]
public sealed class EmailRequest
{
    [JsonPropertyName("email"), Description("The new e-mail address."), Required] public string? Email { get; set; }
}

[Description("Body of PUT /users/{userId}/password.")]
public sealed class PasswordRequest
{
    [JsonPropertyName("password"), Description("The new password."), Required] public string? Password { get; set; }
}

[Description("Body of PUT /accounts/{accountId}/users/{userId}/account.")]
public sealed class SwitchAccountRequest
{
    [JsonPropertyName("account_id"), Description("The account to move the user to."), Required] public string? AccountId { get; set; }
}

/// <summary>Query of GET /users.</summary>
public sealed record ListUsersQuery(string? Status, int? PageSize, int? PageNumber, string? NextPageToken, string? RoleId, string? IncludeFields,
    string? License = null);

/// <summary>
/// The add-on licences GET /users can filter by (<c>license</c>). A user holds one when its settings turn on the
/// <c>feature</c> flag of the same name (<c>feature.zoom_workforce_management</c>, …), as Zoom's settings show it.
/// </summary>
public static class UserLicenses
{
    public static readonly string[] All = ["zoom_workforce_management", "zoom_compliance_management"];
}

/// <summary>
/// GET /users/summary. Users that joined (active or deactivated) count under their type; pending ones under pending
/// only; the total counts every user. Join-only users are those with no meetings licence (type 4); Roster has no
/// Zoom Rooms, so no room users.
/// </summary>
public sealed record UsersSummary(long Licensed, long Basic, long OnPrem, long Room, long Pending, long JoinOnly, long Total)
{
    public static UsersSummary Of(IEnumerable<UserTally> tallies)
    {
        long licensed = 0, basic = 0, onPrem = 0, pending = 0, joinOnly = 0, total = 0;
        foreach (var t in tallies)
        {
            total += t.N;
            if (t.Status == UserStatuses.Pending) { pending += t.N; continue; }
            switch (t.Type)
            {
                case UserTypes.Licensed: licensed += t.N; break;
                case UserTypes.Basic: basic += t.N; break;
                case UserTypes.OnPrem: onPrem += t.N; break;
                case UserTypes.NoMeetingsLicense: joinOnly += t.N; break;
            }
        }
        return new(licensed, basic, onPrem, 0, pending, joinOnly, total);
    }
}

/// <summary>Body of PUT /users/{userId}/presence_status; <c>duration</c> (minutes) only with Do_Not_Disturb.</summary>
[Description("Body of PUT /users/{userId}/presence_status.")]
public sealed class PresenceRequest
{
    [JsonPropertyName("status"), Description("`Away`, `Do_Not_Disturb`, `Available`, `In_Calendar_Event`, `Presenting`, `In_A_Zoom_Meeting`, `On_A_Call`, `Out_of_Office` or `Busy`."), Required] public string? Status { get; set; }
    [JsonPropertyName("duration"), Description("Minutes of Do_Not_Disturb.")] public int? Duration { get; set; }
}

/// <summary>Query of DELETE /users/{userId}.</summary>
public sealed record DeleteUserQuery(string? Action, string? TransferEmail);

public sealed record UserListPage(IReadOnlyList<UserListItem> Users, int PageSize, int PageNumber, int PageCount, int TotalRecords, string NextPageToken);

public sealed record CreatedUser(User User, string? InvitationToken);

/// <summary>An open invitation: the invited user and the name of the account that invites.</summary>
public sealed record Invitation(User User, string AccountName);

public sealed record AssistantsAdded(string Ids, DateTimeOffset AddAt);

public sealed record AssistantView(string Id, string Email, bool CanManageHostPrivateEvent);

public sealed record SchedulerView(string Id, string Email, long Pmi);
