using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
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
