using Microsoft.AspNetCore.Mvc;
using Roster.Domain.Auth;
using Roster.Domain.Scim;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Users;
using static Roster.Server.Scim.ScimEndpoints;

namespace Roster.Server.Scim;

/// <summary>Zoom's SCIM2 Groups under <c>/scim2/Groups</c>: handlers translate HTTP to <see cref="ScimGroupsService"/> and back.</summary>
public static class ScimGroupEndpoints
{
    public static RouteGroupBuilder MapScimGroups(this RouteGroupBuilder scim)
    {
        scim.MapGet("/Groups", List).WithName("groupSCIM2List").Scoped(Operations.ScimListGroups);
        scim.MapPost("/Groups", Create).WithName("groupScim2Create").Scoped(Operations.ScimCreateGroup);
        scim.MapGet("/Groups/{groupId}", Get).WithName("groupSCIM2Get").Scoped(Operations.ScimGetGroup);
        scim.MapPatch("/Groups/{groupId}", Patch).WithName("groupSCIM2Update").Scoped(Operations.ScimPatchGroup);
        scim.MapDelete("/Groups/{groupId}", Delete).WithName("groupSCIM2Delete").Scoped(Operations.ScimDeleteGroup);
        return scim;
    }

    static CancellationToken Ct(HttpContext c) => c.RequestAborted;

    public static async Task<IResult> List(HttpContext http, ScimGroupsService groups, [FromQuery] string? filter, [FromQuery] string? startIndex, [FromQuery] string? count)
    {
        var query = new ScimListQuery(string.IsNullOrWhiteSpace(filter) ? null : ScimFilter.Parse(filter),
            Number(startIndex, "startIndex") ?? 1, Number(count, "count") ?? ScimUsersService.DefaultCount);
        var page = await groups.ListAsync(http.Caller(), query, Ct(http));
        var baseUrl = UserWire.BaseUrl(http.Request);
        return Answer(http, ScimDiscovery.List(page.Groups.Select(g => ScimGroupResource.Of(g, baseUrl)).ToList(), page.TotalResults, page.StartIndex));
    }

    public static async Task<IResult> Create(HttpContext http, ScimGroupsService groups)
    {
        var body = await Body(http.Request);
        var resource = ScimGroupResource.Of(await groups.CreateAsync(http.Caller(), body, Ct(http)), UserWire.BaseUrl(http.Request));
        http.Response.Headers.Location = resource["meta"]!["location"]!.GetValue<string>();
        return Answer(http, resource, StatusCodes.Status201Created);
    }

    public static async Task<IResult> Get(HttpContext http, ScimGroupsService groups, string groupId)
        => Answer(http, ScimGroupResource.Of(await groups.GetAsync(http.Caller(), groupId, Ct(http)), UserWire.BaseUrl(http.Request)));

    /// <summary>204 with no body, as Zoom answers a group PATCH.</summary>
    public static async Task<IResult> Patch(HttpContext http, ScimGroupsService groups, string groupId)
    {
        var body = await Body(http.Request);
        await groups.PatchAsync(http.Caller(), groupId, body, Ct(http));
        return Results.NoContent();
    }

    public static async Task<IResult> Delete(HttpContext http, ScimGroupsService groups, string groupId)
    {
        await groups.DeleteAsync(http.Caller(), groupId, Ct(http));
        return Results.NoContent();
    }
}
