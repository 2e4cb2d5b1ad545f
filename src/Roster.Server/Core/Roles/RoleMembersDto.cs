using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Roster.Domain.Users;

namespace Roster.Server.AccountRoles;

[Description("GET /roles/{roleId}/members: one page of the role's members.")]
public sealed record RoleMembersDto(
    [property: Description("The members on this page.")] IReadOnlyList<RoleMemberDto> Members,
    [property: Description("Token of the next page; empty on the last one. Valid for 15 minutes.")] string NextPageToken,
    [property: Description("How many pages there are.")] int PageCount,
    [property: Description("This page's number.")] int PageNumber,
    [property: Description("Members per page.")] int PageSize,
    [property: Description("How many members there are.")] int TotalRecords);

[Description("A user holding a role.")]
public sealed record RoleMemberDto(
    [property: Description("User id.")] string Id,
    [property: Description("E-mail address.")] string Email,
    [property: Description("First name.")] string FirstName,
    [property: Description("Last name.")] string LastName,
    [property: Description("Department.")] string Department,
    [property: Description("User type.")] int Type)
{
    public static RoleMemberDto Of(User u) => new(u.Id, u.Email, u.Profile.FirstName ?? "", u.Profile.LastName ?? "", u.Profile.Dept ?? "", u.Type);
}

[Description("POST /roles/{roleId}/members: who took the role, and when.")]
public sealed record RoleMembersAddedDto(
    [property: Description("The users' ids, comma-separated.")] string Ids,
    [property: Description("When they were added."), DataType(DataType.DateTime)] string AddAt);
