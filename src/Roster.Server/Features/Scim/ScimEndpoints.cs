using System.Text;
using Microsoft.AspNetCore.Mvc;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Scim;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.Scim;

/// <summary>
/// Zoom's SCIM2 Users under <c>/scim2</c> (reference zoom-scim2.md), and the RFC 7644 discovery documents beside them.
/// Handlers only translate HTTP to <see cref="ScimUsersService"/> and back; bodies are <c>application/scim+json</c> or
/// <c>application/json</c>, answers <c>application/scim+json</c> (or JSON when only that is accepted), and every error
/// is written in the SCIM error schema (<see cref="ScimErrors"/>).
/// </summary>
public static class ScimEndpoints
{
    public const string MediaType = "application/scim+json";

    public static RouteGroupBuilder MapScim(this IEndpointRouteBuilder app)
    {
        // Who may call: a token holding scim2 or scim2:admin (Server-to-Server or user-level) whose user is the
        // account's owner or an admin (the domain, 403 otherwise), on an account with SSO (400 otherwise).
        var scim = app.MapGroup("/scim2").RequireZoomToken().WithTags("SCIM2").ExcludeFromDescription();
        scim.MapGet("/Users", List).WithName("userSCIM2List").Scoped(Operations.ScimListUsers);
        scim.MapPost("/Users", Create).WithName("userScim2Create").Scoped(Operations.ScimCreateUser);
        scim.MapGet("/Users/{userId}", Get).WithName("userSCIM2Get").Scoped(Operations.ScimGetUser);
        scim.MapPut("/Users/{userId}", Replace).WithName("userSCIM2Update").Scoped(Operations.ScimUpdateUser);
        scim.MapPatch("/Users/{userId}", Patch).WithName("userADSCIM2Deactivate").Scoped(Operations.ScimPatchUser);
        scim.MapDelete("/Users/{userId}", Delete).WithName("userSCIM2Delete").Scoped(Operations.ScimDeleteUser);
        scim.MapScimGroups();
        // Beyond Zoom (docs/compatibility.md): what generic SCIM clients read first; no Zoom quota.
        scim.MapGet("/ServiceProviderConfig", (HttpContext http) => Answer(http, ScimDiscovery.ServiceProviderConfig(UserWire.BaseUrl(http.Request))))
            .WithName("rosterScim2ServiceProviderConfig").Scoped(Operations.ScimDiscovery, zoomRateLimits: false);
        scim.MapGet("/ResourceTypes", (HttpContext http) => Discovered(http, ScimDiscovery.ResourceTypes(UserWire.BaseUrl(http.Request))))
            .WithName("rosterScim2ResourceTypes").Scoped(Operations.ScimDiscovery, zoomRateLimits: false);
        scim.MapGet("/ResourceTypes/{id}", (HttpContext http, string id) => OneOf(http, ScimDiscovery.ResourceTypes(UserWire.BaseUrl(http.Request)), id))
            .WithName("rosterScim2ResourceType").Scoped(Operations.ScimDiscovery, zoomRateLimits: false);
        scim.MapGet("/Schemas", (HttpContext http) => Discovered(http, ScimDiscovery.Schemas(UserWire.BaseUrl(http.Request))))
            .WithName("rosterScim2Schemas").Scoped(Operations.ScimDiscovery, zoomRateLimits: false);
        scim.MapGet("/Schemas/{id}", (HttpContext http, string id) => OneOf(http, ScimDiscovery.Schemas(UserWire.BaseUrl(http.Request)), id))
            .WithName("rosterScim2Schema").Scoped(Operations.ScimDiscovery, zoomRateLimits: false);
        return scim;
    }

    static CancellationToken Ct(HttpContext c) => c.RequestAborted;

    /// <summary><c>application/scim+json</c>, unless the client accepts only <c>application/json</c>.</summary>
    internal static IResult Answer(HttpContext http, JsonObject body, int status = 200)
    {
        var accept = http.Request.GetTypedHeaders().Accept;
        var json = accept is { Count: > 0 }
                   && !accept.Any(a => a.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase) || a.MediaType.Equals("*/*", StringComparison.Ordinal)
                                       || a.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase))
                   && accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        return Results.Text(body.ToJsonString(), json ? "application/json; charset=utf-8" : MediaType + "; charset=utf-8", Encoding.UTF8, status);
    }

    static IResult Discovered(HttpContext http, IReadOnlyList<JsonObject> items) => Answer(http, ScimDiscovery.List(items, items.Count, 1));

    static IResult OneOf(HttpContext http, IReadOnlyList<JsonObject> items, string id)
        => items.FirstOrDefault(i => string.Equals(i["id"]?.GetValue<string>(), id, StringComparison.OrdinalIgnoreCase)) is { } found
            ? Answer(http, found)
            : throw Fail.ScimNotServed(id);

    /// <summary>A request body: JSON or SCIM JSON only (415 otherwise), an object, malformed JSON 400 <c>invalidSyntax</c>.</summary>
    internal static async Task<JsonObject> Body(HttpRequest request)
    {
        var type = request.ContentType;
        if (type is not null)
        {
            var media = type.Split(';')[0].Trim();
            if (!media.Equals(MediaType, StringComparison.OrdinalIgnoreCase) && !media.Equals("application/json", StringComparison.OrdinalIgnoreCase))
                throw Fail.ScimMediaType(type);
        }
        return await Input.JsonObject(request);
    }

    static JsonObject Resource(HttpContext http, ScimUserView user)
        => ScimProjection.Apply(ScimUserResource.Of(user, UserWire.BaseUrl(http.Request), full: true),
            http.Request.Query["attributes"].FirstOrDefault(), http.Request.Query["excludedAttributes"].FirstOrDefault());

    internal static int? Number(string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) return null;
        return int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : throw Fail.ScimInvalidValue($"{name} must be an integer.");
    }

    public static async Task<IResult> List(HttpContext http, ScimUsersService users, [FromQuery] string? filter, [FromQuery] string? startIndex,
        [FromQuery] string? count, [FromQuery] string? attributes, [FromQuery] string? excludedAttributes)
    {
        var query = new ScimListQuery(string.IsNullOrWhiteSpace(filter) ? null : ScimFilter.Parse(filter),
            Number(startIndex, "startIndex") ?? 1, Number(count, "count") ?? ScimUsersService.DefaultCount);
        var page = await users.ListAsync(http.Caller(), query, Ct(http));
        var baseUrl = UserWire.BaseUrl(http.Request);
        var items = page.Users.Select(u => ScimProjection.Apply(ScimUserResource.Of(u, baseUrl, full: false), attributes, excludedAttributes)).ToList();
        return Answer(http, ScimDiscovery.List(items, page.TotalResults, page.StartIndex));
    }

    public static async Task<IResult> Create(HttpContext http, ScimUsersService users)
    {
        var body = await Body(http.Request);
        var created = await users.CreateAsync(http.Caller(), body, Ct(http));
        var resource = Resource(http, created);
        http.Response.Headers.Location = resource["meta"]?["location"]?.GetValue<string>() ?? $"{UserWire.BaseUrl(http.Request)}/scim2/Users/{created.Id}";
        return Answer(http, resource, StatusCodes.Status201Created);
    }

    public static async Task<IResult> Get(HttpContext http, ScimUsersService users, string userId)
        => Answer(http, Resource(http, await users.GetAsync(http.Caller(), userId, Ct(http))));

    public static async Task<IResult> Replace(HttpContext http, ScimUsersService users, string userId)
    {
        var body = await Body(http.Request);
        return Answer(http, Resource(http, await users.ReplaceAsync(http.Caller(), userId, body, Ct(http))));
    }

    public static async Task<IResult> Patch(HttpContext http, ScimUsersService users, string userId)
    {
        var body = await Body(http.Request);
        return Answer(http, Resource(http, await users.PatchAsync(http.Caller(), userId, body, Ct(http))));
    }

    public static async Task<IResult> Delete(HttpContext http, ScimUsersService users, string userId)
    {
        await users.DeleteAsync(http.Caller(), userId, Ct(http));
        return Results.NoContent();
    }
}
