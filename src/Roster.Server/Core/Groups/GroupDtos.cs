using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Roster.Domain.Groups;

namespace Roster.Server.Groups;

[Description("A group of the account's users.")]
public sealed record GroupDto(
    [property: Description("Group id.")] string Id,
    [property: Description("Group name.")] string Name,
    [property: Description("How many users are members of the group.")] long TotalMembers)
{
    [Description("Whether the group shows in the client's contacts directory (as given at creation).")] public bool? InDirectory { get; init; }
    [Description("Who sees and finds the group in the directory: 1 everyone, 2 members see it and everyone finds it, 3 members only.")] public int? DirectoryPrivacy { get; init; }

    public static GroupDto Of(Group g) => new(g.Id, g.Name, g.TotalMembers) { InDirectory = g.InDirectory, DirectoryPrivacy = g.DirectoryPrivacy };
}

[Description("A page of the account's groups.")]
public sealed record GroupListDto(
    [property: Description("The groups of this page.")] IReadOnlyList<GroupDto> Groups,
    [property: Description("How many groups the account has.")] int TotalRecords,
    [property: Description("The token of the next page; empty on the last.")] string NextPageToken);

[Description("A member of a group.")]
public sealed record GroupMemberDto(
    [property: Description("User id.")] string Id,
    [property: Description("E-mail address.")] string Email,
    [property: Description("First name.")] string FirstName,
    [property: Description("Last name.")] string LastName,
    [property: Description("Plan type.")] int Type);

[Description("A page of a group's members.")]
public sealed record GroupMemberListDto(
    [property: Description("The members of this page, in the order they were added.")] IReadOnlyList<GroupMemberDto> Members,
    [property: Description("The token of the next page; empty on the last.")] string NextPageToken,
    [property: Description("How many pages of this size there are.")] int PageCount,
    [property: Description("This page's number.")] int PageNumber,
    [property: Description("The most members a page holds.")] int PageSize,
    [property: Description("How many members the group has.")] long TotalRecords);

[Description("What adding members or admins answers.")]
public sealed record GroupUsersAddedDto(
    [property: Description("The ids of the users this call added, comma-separated.")] string Ids,
    [property: DataType(DataType.DateTime), Description("When they were added.")] string AddedAt);
