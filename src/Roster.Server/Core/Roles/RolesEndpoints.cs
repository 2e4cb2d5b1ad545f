using Microsoft.AspNetCore.Mvc;
using Roster.Domain.AccountRoles;
using Roster.Domain.Auth;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.AccountRoles;

/// <summary>
/// Zoom's eight Roles operations under <c>/v2/roles</c> (zoom-roles.md §1). Who may call: a token holding the
/// operation's role scope (<see cref="Operations.RolesApi"/>), acting for a user whose role holds <c>Role:Read</c> for
/// reads and <c>Role:Edit</c> for changes (the owner holds both); <see cref="RolesService"/> decides.
/// </summary>
public static class RolesEndpoints
{
    public static RouteGroupBuilder MapRoles(this IEndpointRouteBuilder app)
    {
        var roles = app.MapGroup("/v2/roles").RequireZoomToken().WithTags("Roles");
        roles.MapGet("", List).WithName("roles").Returns<RoleListDto>(200).Summary("List roles").Scoped(Operations.ListRoles);
        roles.MapPost("", Create).WithName("createRole").Body<CreateRoleRequest>().Returns<RoleDto>(201).Summary("Create a role").Scoped(Operations.CreateRole);
        roles.MapGet("/{roleId}", Get).WithName("getRoleInformation").Returns<RoleDto>(200).Summary("Get role information").Scoped(Operations.GetRole);
        roles.MapPatch("/{roleId}", Update).WithName("updateRole").Body<UpdateRoleRequest>().NoContent().Summary("Update role information").Scoped(Operations.UpdateRole);
        roles.MapDelete("/{roleId}", Delete).WithName("deleteRole").NoContent().Summary("Delete a role").Scoped(Operations.DeleteRole);
        roles.MapGet("/{roleId}/members", Members).WithName("roleMembers").Returns<RoleMembersDto>(200, 404).Summary("List members in a role").Scoped(Operations.ListRoleMembers);
        roles.MapPost("/{roleId}/members", Assign).WithName("AddRoleMembers").Body<AssignRoleMembersRequest>().Returns<RoleMembersAddedDto>(201, 404)
            .Summary("Assign a role").Scoped(Operations.AssignRole);
        roles.MapDelete("/{roleId}/members/{memberId}", Unassign).WithName("roleMemberDelete").NoContent(404).Summary("Unassign a role").Scoped(Operations.UnassignRole);
        return roles;
    }

    public static async Task<IResult> List(HttpContext http, RolesService roles, [FromQuery] string? type)
    {
        var list = await roles.ListAsync(http.Caller(), type, http.RequestAborted);
        return TypedResults.Json(new RoleListDto([.. list.Select(v => new RoleListItemDto(v.Role.Id, v.Role.Name, v.Role.Description, v.TotalMembers, v.Role.Type))], list.Count),
            RolesJson.Default.RoleListDto);
    }

    public static async Task<IResult> Create(HttpContext http, RolesService roles)
    {
        var body = await Input.Json(http.Request, RolesJson.Default.CreateRoleRequest);
        var created = await roles.CreateAsync(http.Caller(), body, http.RequestAborted);
        return TypedResults.Json(RoleDto.Of(created), RolesJson.Default.RoleDto, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> Get(HttpContext http, RolesService roles, string roleId)
        => TypedResults.Json(RoleDto.Of(await roles.GetAsync(http.Caller(), roleId, http.RequestAborted)), RolesJson.Default.RoleDto);

    public static async Task<IResult> Update(HttpContext http, RolesService roles, string roleId)
    {
        var body = await Input.Json(http.Request, RolesJson.Default.UpdateRoleRequest);
        await roles.UpdateAsync(http.Caller(), roleId, body, http.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> Delete(HttpContext http, RolesService roles, string roleId)
    {
        await roles.DeleteAsync(http.Caller(), roleId, http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary><c>page_count</c> (Zoom's meaningless input) is read and checked as a number, and changes nothing.</summary>
    public static async Task<IResult> Members(HttpContext http, RolesService roles, string roleId,
        [FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "page_number")] string? pageNumber,
        [FromQuery(Name = "next_page_token")] string? nextPageToken, [FromQuery(Name = "page_count")] string? pageCount)
    {
        Input.Int(pageCount, "page_count");
        var page = await roles.MembersAsync(http.Caller(), roleId,
            new RoleMembersQuery(Input.Int(pageSize, "page_size"), Input.Int(pageNumber, "page_number"), nextPageToken), http.RequestAborted);
        return TypedResults.Json(new RoleMembersDto([.. page.Members.Select(RoleMemberDto.Of)], page.NextPageToken, page.PageCount, page.PageNumber, page.PageSize, page.TotalRecords),
            RolesJson.Default.RoleMembersDto);
    }

    public static async Task<IResult> Assign(HttpContext http, RolesService roles, string roleId)
    {
        var body = await Input.Json(http.Request, RolesJson.Default.AssignRoleMembersRequest);
        var added = await roles.AssignAsync(http.Caller(), roleId, body, http.RequestAborted);
        return TypedResults.Json(new RoleMembersAddedDto(string.Join(',', added.Ids), UserWire.Time(added.AddAt)), RolesJson.Default.RoleMembersAddedDto,
            statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> Unassign(HttpContext http, RolesService roles, string roleId, string memberId)
    {
        await roles.UnassignAsync(http.Caller(), roleId, memberId, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
