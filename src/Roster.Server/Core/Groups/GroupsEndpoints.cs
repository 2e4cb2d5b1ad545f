using Microsoft.AspNetCore.Mvc;
using Roster.Domain.Groups;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.Groups;

/// <summary>The operations under <c>/v2/groups</c>. Handlers only translate HTTP to <see cref="GroupsService"/> and <see cref="GroupMembersService"/> calls and back.</summary>
public static class GroupsEndpoints
{
    public static RouteGroupBuilder MapGroups(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/v2/groups").RequireZoomToken().WithTags("Groups");

        groups.MapGet("", ListGroups).WithName("groups").Returns<GroupListDto>(200).Summary("List groups").Scoped(GroupOperations.ListGroups);
        groups.MapPost("", CreateGroup).WithName("groupCreate").Body<CreateGroupRequest>().Returns<GroupDto>(201, 409, 429).Summary("Create a group").Scoped(GroupOperations.CreateGroup);
        groups.MapGet("/{groupId}", GetGroup).WithName("group").Returns<GroupDto>(200, 404).Summary("Get a group").Scoped(GroupOperations.GetGroup);
        groups.MapPatch("/{groupId}", UpdateGroup).WithName("groupUpdate").Body<UpdateGroupRequest>().NoContent(404, 409).Summary("Update a group").Scoped(GroupOperations.UpdateGroup);
        groups.MapDelete("/{groupId}", DeleteGroup).WithName("groupDelete").NoContent(404).Summary("Delete a group").Scoped(GroupOperations.DeleteGroup);
        groups.MapGet("/{groupId}/admins", ListAdmins).WithName("groupAdmins").Returns<GroupAdminListDto>(200, 404).Summary("List group admins").Scoped(GroupOperations.ListAdmins);
        groups.MapPost("/{groupId}/admins", AddAdmins).WithName("groupAdminsCreate").Body<GroupUsersRequest>().Returns<GroupUsersAddedDto>(201, 404).Summary("Add group admins").Scoped(GroupOperations.AddAdmins);
        groups.MapDelete("/{groupId}/admins/{userId}", DeleteAdmin).WithName("groupAdminsDelete").NoContent(404).Summary("Delete a group admin").Scoped(GroupOperations.DeleteAdmin);
        groups.MapGet("/{groupId}/channels", ListChannels).WithName("groupChannels").Returns<GroupChannelsDto>(200, 404).Summary("List a group's channels").Scoped(GroupOperations.ListChannels);
        groups.MapGet("/{groupId}/members", ListMembers).WithName("groupMembers").Returns<GroupMemberListDto>(200, 404).Summary("List group members").Scoped(GroupOperations.ListMembers);
        groups.MapPost("/{groupId}/members", AddMembers).WithName("groupMembersCreate").Body<GroupUsersRequest>().Returns<GroupUsersAddedDto>(201, 404).Summary("Add group members").Scoped(GroupOperations.AddMembers);
        groups.MapDelete("/{groupId}/members/{memberId}", DeleteMember).WithName("groupMembersDelete").NoContent(404).Summary("Delete a group member").Scoped(GroupOperations.DeleteMember);
        groups.MapPatch("/{groupId}/members/{memberId}", UpdateMember).WithName("updateAGroupMember").Body<UpdateGroupMemberRequest>().NoContent(404).Summary("Update a group member").Scoped(GroupOperations.UpdateMember);
        return groups;
    }

    static CancellationToken Ct(HttpContext c) => c.RequestAborted;

    public static async Task<IResult> ListGroups(HttpContext http, GroupsService groups,
        [FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "next_page_token")] string? nextPageToken)
    {
        var page = await groups.ListAsync(http.Caller(), Input.Int(pageSize, "page_size"), nextPageToken, Ct(http));
        return TypedResults.Json(new GroupListDto([.. page.Groups.Select(GroupDto.Of)], page.TotalRecords, page.NextPageToken), ServerJson.Default.GroupListDto);
    }

    public static async Task<IResult> CreateGroup(HttpContext http, GroupsService groups)
    {
        var body = await Input.Json(http.Request, ServerJson.Default.CreateGroupRequest);
        var group = await groups.CreateAsync(http.Caller(), body, Ct(http));
        return TypedResults.Json(GroupDto.Of(group), ServerJson.Default.GroupDto, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> GetGroup(HttpContext http, GroupsService groups, string groupId)
        => TypedResults.Json(GroupDto.Of(await groups.GetAsync(http.Caller(), groupId, Ct(http))), ServerJson.Default.GroupDto);

    public static async Task<IResult> UpdateGroup(HttpContext http, GroupsService groups, string groupId)
    {
        var body = await Input.Json(http.Request, ServerJson.Default.UpdateGroupRequest);
        await groups.UpdateAsync(http.Caller(), groupId, body, Ct(http));
        return TypedResults.NoContent();
    }

    public static async Task<IResult> DeleteGroup(HttpContext http, GroupsService groups, string groupId)
    {
        await groups.DeleteAsync(http.Caller(), groupId, Ct(http));
        return TypedResults.NoContent();
    }

    public static async Task<IResult> ListChannels(HttpContext http, GroupsService groups, string groupId)
    {
        var group = await groups.ChannelsAsync(http.Caller(), groupId, Ct(http));
        return TypedResults.Json(new GroupChannelsDto(group.Id, []), ServerJson.Default.GroupChannelsDto);
    }

    public static async Task<IResult> ListMembers(HttpContext http, GroupMembersService members, string groupId,
        [FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "page_number")] string? pageNumber,
        [FromQuery(Name = "next_page_token")] string? nextPageToken)
    {
        var page = await members.ListMembersAsync(http.Caller(), groupId, Input.Int(pageSize, "page_size"), Input.Int(pageNumber, "page_number"), nextPageToken, Ct(http));
        return TypedResults.Json(new GroupMemberListDto(
            [.. page.Members.Select(m => new GroupMemberDto(m.UserId, m.Email, m.FirstName, m.LastName, m.Type))],
            page.NextPageToken, page.PageCount, page.PageNumber, page.PageSize, page.TotalRecords), ServerJson.Default.GroupMemberListDto);
    }

    static IResult Added(GroupUsersAdded added)
        => TypedResults.Json(new GroupUsersAddedDto(string.Join(',', added.Ids), UserWire.Time(added.AddedAt)), ServerJson.Default.GroupUsersAddedDto,
            statusCode: StatusCodes.Status201Created);

    public static async Task<IResult> AddMembers(HttpContext http, GroupMembersService members, string groupId)
        => Added(await members.AddMembersAsync(http.Caller(), groupId, await Input.Json(http.Request, ServerJson.Default.GroupUsersRequest), Ct(http)));

    public static async Task<IResult> DeleteMember(HttpContext http, GroupMembersService members, string groupId, string memberId)
    {
        await members.DeleteMemberAsync(http.Caller(), groupId, memberId, Ct(http));
        return TypedResults.NoContent();
    }

    public static async Task<IResult> UpdateMember(HttpContext http, GroupMembersService members, string groupId, string memberId)
    {
        var body = await Input.Json(http.Request, ServerJson.Default.UpdateGroupMemberRequest);
        await members.UpdateMemberAsync(http.Caller(), groupId, memberId, body, Ct(http));
        return TypedResults.NoContent();
    }

    public static async Task<IResult> ListAdmins(HttpContext http, GroupMembersService members, string groupId,
        [FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "next_page_token")] string? nextPageToken)
    {
        var page = await members.ListAdminsAsync(http.Caller(), groupId, Input.Int(pageSize, "page_size"), nextPageToken, Ct(http));
        return TypedResults.Json(new GroupAdminListDto(
            [.. page.Admins.Select(a => new GroupAdminDto(a.UserId, a.Email, $"{a.FirstName} {a.LastName}".Trim()))],
            page.NextPageToken, page.PageSize, page.TotalRecords), ServerJson.Default.GroupAdminListDto);
    }

    public static async Task<IResult> AddAdmins(HttpContext http, GroupMembersService members, string groupId)
        => Added(await members.AddAdminsAsync(http.Caller(), groupId, await Input.Json(http.Request, ServerJson.Default.GroupUsersRequest), Ct(http)));

    public static async Task<IResult> DeleteAdmin(HttpContext http, GroupMembersService members, string groupId, string userId)
    {
        await members.DeleteAdminAsync(http.Caller(), groupId, userId, Ct(http));
        return TypedResults.NoContent();
    }
}
