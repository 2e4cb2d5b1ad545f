using Roster.Domain.Sandbox;

namespace Roster.Server.Hosting;

public sealed record SnapshotDto(string Name, string CreatedAt, long Users, bool Restorable);
public sealed record SnapshotListDto(IReadOnlyList<SnapshotDto> Snapshots);
public sealed record RestoredDto(SnapshotDto Snapshot, long Generation);

/// <summary>
/// The sandbox's control plane under <c>/roster/v1/sandbox</c>. Who may call: whoever holds the sandbox admin key
/// (<c>Authorization: Bearer &lt;sandbox_admin_key&gt;</c>), and nobody else: a Zoom access token, whatever its scopes,
/// is refused. Failed keys are throttled per address. Absent entirely when <c>Sandbox:Enabled</c> is false.
/// </summary>
public static class SandboxEndpoints
{
    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/roster/v1/sandbox").WithTags("Sandbox").ExcludeFromDescription().AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            var throttle = http.RequestServices.GetRequiredService<FailureThrottle>();
            if (throttle.Blocked(http)) throw Fail.TooManyFailedAttempts();
            var header = http.Request.Headers.Authorization.ToString();
            var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
            if (!await http.RequestServices.GetRequiredService<SandboxService>().IsAdminKeyAsync(key, http.RequestAborted))
            {
                if (!string.IsNullOrEmpty(key)) throttle.Failed(http); // a key was guessed (no key at all is no guess)
                throw Fail.InvalidSandboxKey();
            }
            return await next(ctx);
        });
        sandbox.MapPost("/reset", async (SandboxService s, HttpContext http) => Json(await s.ResetAsync(http.RequestAborted))).WithName("sandboxReset");
        sandbox.MapGet("/snapshots", async (SandboxService s, HttpContext http) =>
            TypedResults.Json(new SnapshotListDto((await s.ListAsync(http.RequestAborted)).Select(Dto).ToList()), ServerJson.Default.SnapshotListDto)).WithName("sandboxSnapshots");
        sandbox.MapPut("/snapshots/{name}", async (SandboxService s, string name, HttpContext http) =>
            TypedResults.Json(Dto(await s.SaveAsync(name, http.RequestAborted)), ServerJson.Default.SnapshotDto, statusCode: StatusCodes.Status201Created)).WithName("sandboxSaveSnapshot");
        sandbox.MapPost("/snapshots/{name}/restore", async (SandboxService s, string name, HttpContext http) => Json(await s.RestoreAsync(name, http.RequestAborted)))
            .WithName("sandboxRestoreSnapshot");
        sandbox.MapDelete("/snapshots/{name}", async (SandboxService s, string name, HttpContext http) =>
        {
            await s.DeleteAsync(name, http.RequestAborted);
            return TypedResults.NoContent();
        }).WithName("sandboxDeleteSnapshot");
        return app;
    }

    static SnapshotDto Dto(SnapshotInfo s) => new(s.Name, UserWire.Time(s.CreatedAt), s.Users, s.Restorable);

    static IResult Json(Restored r) => TypedResults.Json(new RestoredDto(Dto(r.Snapshot), r.Generation), ServerJson.Default.RestoredDto);
}
