using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Roster.Domain.Accounts;
using Roster.Domain.Users;

namespace Roster.Server.Users;

/// <summary>The user object of GET /users/{userId} (reference §4.1), in Zoom's JSON names.</summary>
[Description("A user as GET /users/{userId} returns it (and, with fewer fields, as GET /users lists it).")]
public sealed class UserDto
{
    [Description("User id (absent for pending users in lists).")] public string? Id { get; set; }
    [Description("First name.")] public string? FirstName { get; set; }
    [Description("Last name.")] public string? LastName { get; set; }
    [Description("Display name.")] public string? DisplayName { get; set; }
    [Description("E-mail address.")] public string Email { get; set; } = "";
    [Description("Plan type: 1 Basic, 2 Licensed, 4 No Meetings License, 99 None.")] public int Type { get; set; }
    [Description("Role name (Owner, Admin, Member or custom).")] public string? RoleName { get; set; }
    [Description("Personal meeting id.")] public long Pmi { get; set; }
    [Description("Whether instant meetings use the PMI.")] public bool UsePmi { get; set; }
    [Description("PMI join link.")] public string? PersonalMeetingUrl { get; set; }
    [Description("IANA time zone.")] public string? Timezone { get; set; }
    [Description("1 when the e-mail is verified.")] public int Verified { get; set; }
    [Description("Department.")] public string? Dept { get; set; }
    [DataType(DataType.DateTime), Description("When the user was created (for pending users: the time of the call).")] public string? CreatedAt { get; set; }
    [DataType(DataType.DateTime), Description("When the user was really created.")] public string? UserCreatedAt { get; set; }
    [DataType(DataType.DateTime), Description("Last sign-in.")] public string? LastLoginTime { get; set; }
    [Description("The client of the last sign-in, e.g. `6.2.0.1234(mac)`.")] public string? LastClientVersion { get; set; }
    [Description("Profile picture URL.")] public string? PicUrl { get; set; }
    [Description("Zoom's content management id of the user.")] public string? CmsUserId { get; set; }
    [Description("The user's chat (XMPP) id.")] public string? Jid { get; set; }
    [Description("Group ids.")] public List<string>? GroupIds { get; set; }
    [Description("Chat (IM) group ids.")] public List<string>? ImGroupIds { get; set; }
    [Description("Division ids.")] public List<string>? DivisionIds { get; set; }
    [Description("The identity provider's id of an SSO user.")] public string? EmployeeUniqueId { get; set; }
    [Description("Account id.")] public string? AccountId { get; set; }
    [Description("Account number.")] public long? AccountNumber { get; set; }
    [Description("The data-center cluster of the user.")] public string? Cluster { get; set; }
    [Description("Language, e.g. `en-US`.")] public string? Language { get; set; }
    [Description("Country of the phone number (deprecated by Zoom: see phone_numbers).")] public string? PhoneCountry { get; set; }
    [Description("Phone number (deprecated by Zoom: see phone_numbers).")] public string? PhoneNumber { get; set; }
    [Description("Phone numbers.")] public List<PhoneNumber>? PhoneNumbers { get; set; }
    [Description("Status: `active`, `inactive` or `pending`.")] public string Status { get; set; } = "";
    [Description("Job title.")] public string? JobTitle { get; set; }
    [Description("Location.")] public string? Location { get; set; }
    [Description("Company.")] public string? Company { get; set; }
    [Description("Manager's e-mail.")] public string? Manager { get; set; }
    [Description("Cost center.")] public string? CostCenter { get; set; }
    [Description("Sign-in methods (99 API user, 100 work e-mail, 101 SSO…).")] public List<int>? LoginTypes { get; set; }
    [Description("Role id.")] public string? RoleId { get; set; }
    [Description("Personal link.")] public string? VanityUrl { get; set; }
    [Description("Pronouns.")] public string? Pronouns { get; set; }
    [Description("1 ask, 2 always show, 3 never show.")] public int? PronounsOption { get; set; }
    [Description("Custom attributes (lists: only with include_fields=custom_attributes).")] public List<CustomAttribute>? CustomAttributes { get; set; }
    [Description("Zoom United plan type.")] public string? PlanUnitedType { get; set; }
    [Description("Zoom One plan type.")] public long? ZoomOneType { get; set; }
    [Description("Add-on licences of the user.")] public List<LicenseInfo>? LicenseInfoList { get; set; }
    [Description("Host key (lists: only with include_fields=host_key).")] public string? HostKey { get; set; }
}

[Description("One page of GET /users.")]
public sealed class UserListDto
{
    [Description("Number of pages (deprecated by Zoom).")] public int PageCount { get; set; }
    [Description("Page number (deprecated by Zoom).")] public int PageNumber { get; set; }
    [Description("Page size used.")] public int PageSize { get; set; }
    [Description("Users across all pages.")] public int TotalRecords { get; set; }
    [Description("Token for the next page; empty on the last page.")] public string NextPageToken { get; set; } = "";
    [Description("The users of this page.")] public List<UserDto> Users { get; set; } = [];
}

[Description("What POST /users answers.")]
public sealed record CreatedUserDto(
    [property: Description("New user id.")] string Id,
    [property: Description("First name.")] string FirstName,
    [property: Description("Last name.")] string LastName,
    [property: Description("E-mail address.")] string Email,
    [property: Description("Plan type.")] int Type);
public sealed record ExistedEmailDto([property: JsonPropertyName("existed_email")] bool ExistedEmail);
public sealed record ExistedDto(bool Existed);
public sealed record PermissionsDto(IReadOnlyList<string> Permissions);
public sealed record TokenDto(string? Token);
[Description("GET /users/summary: how many users of the account there are, by type and status.")]
public sealed record UsersSummaryDto(
    [property: Description("Licensed users (type 2) that joined.")] long LicensedUsersCount,
    [property: Description("Basic users (type 1) that joined.")] long BasicUsersCount,
    [property: Description("On-prem users (type 3) that joined.")] long OnPremUsersCount,
    [property: Description("Zoom Rooms users.")] long RoomUsersCount,
    [property: Description("Users who have not accepted their invitation yet.")] long PendingUsersCount,
    [property: Description("Users without a meetings licence (type 4) that joined.")] long JoinOnlyUsersCount,
    [property: Description("Every user of the account.")] long TotalUsersCount);
/// <summary>A presence status; <c>end_time</c> and <c>remaining_time</c> (minutes) only while a Do-Not-Disturb runs.</summary>
[Description("A user's presence status; end_time and remaining_time only while a Do-Not-Disturb runs.")]
public sealed record PresenceDto(
    [property: Description("Settable: `Away`, `Do_Not_Disturb`, `Available`, `In_Calendar_Event`, `Presenting`, `In_A_Zoom_Meeting`, `On_A_Call`, `Out_of_Office`, `Busy`; also shown: `Offline`, only for a user signed in to no client.")] string Status)
{
    [DataType(DataType.DateTime), Description("When a Do-Not-Disturb ends.")] public string? EndTime { get; init; }
    [Description("Minutes left of a Do-Not-Disturb.")] public long? RemainingTime { get; init; }
}
public sealed record AssistantsAddedDto(string Ids, string AddAt);
[Description("An assistant of a user.")]
public sealed record AssistantDto(
    [property: Description("User id.")] string Id,
    [property: Description("E-mail address.")] string Email,
    [property: Description("May manage the host's private events.")] bool CanManageHostPrivateEvent);
public sealed record AssistantsDto(IReadOnlyList<AssistantDto> Assistants);
[Description("A user for whom this user schedules.")]
public sealed record SchedulerDto(
    [property: Description("User id.")] string Id,
    [property: Description("E-mail address.")] string Email,
    [property: Description("The scheduler's PMI.")] long Pmi);
public sealed record SchedulersDto(IReadOnlyList<SchedulerDto> Schedulers);

/// <summary>Maps stored users to Zoom's JSON; links are built on the base URL the caller used.</summary>
public static class UserWire
{
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    public static string? PicUrl(User u, string baseUrl) => PicUrl(u.PicId, baseUrl);
    public static string? PicUrl(string? picId, string baseUrl) => picId is null ? null : $"{baseUrl}/p/{picId}";

    /// <param name="roleName">The role's name (a custom role's, read by the caller); a built-in's when null.</param>
    public static UserDto Full(User u, string baseUrl, long accountNumber, DateTimeOffset now, string? roleName = null)
    {
        var p = u.Profile;
        return new UserDto
        {
            Id = u.Id,
            FirstName = p.FirstName ?? "",
            LastName = p.LastName ?? "",
            DisplayName = p.DisplayName ?? "",
            Email = u.Email,
            Type = u.Type,
            RoleName = roleName ?? Roles.NameOf(u.RoleId),
            Pmi = u.Pmi,
            UsePmi = u.UsePmi,
            PersonalMeetingUrl = $"{baseUrl}/j/{u.Pmi}",
            Timezone = p.Timezone ?? "",
            Verified = u.Verified ? 1 : 0,
            Dept = p.Dept ?? "",
            // Zoom: for a pending user created_at is the time of the call (reference §3.2).
            CreatedAt = Time(u.IsPending ? now : u.CreatedAt),
            UserCreatedAt = Time(u.CreatedAt),
            LastLoginTime = u.LastLoginTime is { } l ? Time(l) : null,
            LastClientVersion = p.LastClientVersion,
            PicUrl = PicUrl(u, baseUrl) ?? "",
            CmsUserId = p.CmsUserId ?? "",
            Jid = $"{u.Id.ToLowerInvariant()}@xmpp.roster.local",
            GroupIds = p.GroupIds ?? [],
            ImGroupIds = [],
            DivisionIds = p.DivisionIds,
            EmployeeUniqueId = EmployeeUniqueId(u),
            AccountId = u.AccountId,
            AccountNumber = accountNumber,
            Cluster = "roster",
            Language = p.Language ?? "en-US",
            PhoneCountry = p.PhoneCountry ?? "",
            PhoneNumber = p.PhoneNumber ?? "",
            // Zoom tells for each number whether it was verified; Roster verifies none (no SMS), so each is false until set otherwise
            PhoneNumbers = p.PhoneNumbers?.Select(n => n with { Verified = n.Verified ?? false }).ToList(),
            Status = u.Status,
            JobTitle = p.JobTitle ?? "",
            Location = p.Location ?? "",
            Company = p.Company ?? "",
            Manager = string.IsNullOrEmpty(p.Manager) ? null : p.Manager, // an e-mail address, omitted when unset (as Zoom)
            CostCenter = p.CostCenter,
            LoginTypes = [u.LoginType],
            RoleId = u.RoleId,
            VanityUrl = u.VanityName is null ? null : $"{baseUrl}/my/{u.VanityName}",
            Pronouns = p.Pronouns,
            PronounsOption = p.PronounsOption,
            CustomAttributes = p.CustomAttributes,
            PlanUnitedType = p.PlanUnitedType,
            ZoomOneType = p.ZoomOneType,
            LicenseInfoList = p.LicenseInfoList,
        };
    }

    /// <summary>Zoom sends it only for users who sign in with SAML SSO (login type 101).</summary>
    public static string? EmployeeUniqueId(User u) => EmployeeUniqueId(u.LoginType, u.Profile);
    public static string? EmployeeUniqueId(int loginType, UserProfile p) => loginType == LoginTypes.Sso ? p.EmployeeUniqueId : null;

    /// <summary>
    /// A list item (§4.2): no id for pending users; custom attributes and host key only on request. The endpoint writes
    /// the list with <see cref="UserListWriter"/>; this mapping is the reference a test holds that writer to, byte for byte.
    /// </summary>
    public static UserDto ListItem(UserListItem u, string baseUrl, bool withCustomAttributes, bool withHostKey)
    {
        var p = u.Profile;
        return new UserDto
        {
            Id = u.IsPending ? null : u.Id,
            FirstName = p.FirstName ?? "",
            LastName = p.LastName ?? "",
            DisplayName = p.DisplayName ?? "",
            Email = u.Email,
            Type = u.Type,
            Pmi = u.Pmi,
            Timezone = p.Timezone ?? "",
            Verified = u.Verified ? 1 : 0,
            Dept = p.Dept ?? "",
            CreatedAt = Time(u.CreatedAt),
            UserCreatedAt = Time(u.CreatedAt),
            LastLoginTime = u.LastLoginTime is { } l ? Time(l) : null,
            LastClientVersion = p.LastClientVersion,
            PicUrl = PicUrl(u.PicId, baseUrl),
            Language = p.Language ?? "en-US",
            Status = u.Status,
            RoleId = u.RoleId,
            GroupIds = p.GroupIds ?? [],
            ImGroupIds = [],
            DivisionIds = p.DivisionIds,
            EmployeeUniqueId = EmployeeUniqueId(u.LoginType, p),
            PlanUnitedType = p.PlanUnitedType,
            CustomAttributes = withCustomAttributes ? p.CustomAttributes ?? [] : null,
            HostKey = withHostKey ? p.HostKey ?? "" : null,
        };
    }
}
