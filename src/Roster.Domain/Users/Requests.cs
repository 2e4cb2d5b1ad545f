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
    /// <summary>A group of the account the new user joins.</summary>
    [JsonPropertyName("group_id")] public string? GroupId { get; set; }
}

/// <summary>Body of POST /users.</summary>
public sealed class CreateUserRequest
{
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("user_info")] public NewUserInfo? UserInfo { get; set; }
}

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

public sealed class AssistantRef
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }
    [JsonPropertyName("can_manage_host_private_event")] public bool? CanManageHostPrivateEvent { get; set; }
}

public sealed class AddAssistantsRequest
{
    [JsonPropertyName("assistants")] public List<AssistantRef>? Assistants { get; set; }
}

public sealed class StatusRequest
{
    [JsonPropertyName("action")] public string? Action { get; set; }
}

public sealed class EmailRequest
{
    [JsonPropertyName("email")] public string? Email { get; set; }
}

public sealed class PasswordRequest
{
    [JsonPropertyName("password")] public string? Password { get; set; }
}

public sealed class SwitchAccountRequest
{
    [JsonPropertyName("account_id")] public string? AccountId { get; set; }
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
public sealed class PresenceRequest
{
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("duration")] public int? Duration { get; set; }
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
