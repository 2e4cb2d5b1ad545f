using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Roster.Domain.Groups;
using Roster.Server.Auth;
using Roster.Server.Http;

namespace Roster.Server.Groups;

/// <summary>A group's settings and lock settings under <c>/v2/groups/{groupId}</c>: handlers translate HTTP to <see cref="GroupSettingsService"/> calls.</summary>
public static class GroupSettingsEndpoints
{
    public static RouteGroupBuilder MapGroupSettings(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/v2/groups").RequireZoomToken().WithTags("Groups");

        groups.MapGet("/{groupId}/settings", GetSettings).WithName("getGroupSettings").Returns<JsonObject>(200, 404).Summary("Get a group's settings").Scoped(GroupSettingsOperations.GetSettings);
        groups.MapPatch("/{groupId}/settings", UpdateSettings).WithName("updateGroupSettings").Body<JsonObject>().NoContent(404).Summary("Update a group's settings").Scoped(GroupSettingsOperations.UpdateSettings);
        groups.MapGet("/{groupId}/lock_settings", GetLockSettings).WithName("getGroupLockSettings").Returns<JsonObject>(200, 404).Summary("Get a group's locked settings").Scoped(GroupSettingsOperations.GetLockSettings);
        groups.MapPatch("/{groupId}/lock_settings", UpdateLockSettings).WithName("groupLockedSettings").Body<JsonObject>().NoContent(404).Summary("Update a group's locked settings").Scoped(GroupSettingsOperations.UpdateLockSettings);
        return groups;
    }

    static CancellationToken Ct(HttpContext c) => c.RequestAborted;

    public static async Task<IResult> GetSettings(HttpContext http, GroupSettingsService settings, string groupId, [FromQuery] string? option,
        [FromQuery(Name = "custom_query_fields")] string? customQueryFields)
        => TypedResults.Json(await settings.GetSettingsAsync(http.Caller(), groupId, option, customQueryFields, Ct(http)), ServerJson.Default.JsonObject);

    public static async Task<IResult> UpdateSettings(HttpContext http, GroupSettingsService settings, string groupId, [FromQuery] string? option)
    {
        var body = await Input.JsonObject(http.Request);
        await settings.UpdateSettingsAsync(http.Caller(), groupId, option, body, Ct(http));
        return TypedResults.NoContent();
    }

    public static async Task<IResult> GetLockSettings(HttpContext http, GroupSettingsService settings, string groupId, [FromQuery] string? option)
        => TypedResults.Json(await settings.GetLockSettingsAsync(http.Caller(), groupId, option, Ct(http)), ServerJson.Default.JsonObject);

    public static async Task<IResult> UpdateLockSettings(HttpContext http, GroupSettingsService settings, string groupId, [FromQuery] string? option)
    {
        var body = await Input.JsonObject(http.Request);
        await settings.UpdateLockSettingsAsync(http.Caller(), groupId, option, body, Ct(http));
        return TypedResults.NoContent();
    }
}
