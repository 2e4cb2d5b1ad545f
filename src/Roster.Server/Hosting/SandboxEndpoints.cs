using Roster.Domain.Events;
using Roster.Domain.Sandbox;

namespace Roster.Server.Hosting;

public sealed record SnapshotDto(string Name, string CreatedAt, long Users, bool Restorable);
public sealed record SnapshotListDto(IReadOnlyList<SnapshotDto> Snapshots);
public sealed record RestoredDto(SnapshotDto Snapshot, long Generation);
public sealed record TestAccountRequest(string? Name);
public sealed record TestAccountDto(string AccountId, string AccountName, string OwnerEmail, string ClientId, string ClientSecret);
public sealed record ClockDto(string Now, bool Frozen, bool RealTime, double OffsetSeconds);
public sealed record ClockRequest(string? Now, bool? Frozen);
public sealed record AdvanceRequest(double? Seconds);

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
        sandbox.MapPost("/accounts", async (AccountsService accounts, HttpContext http) =>
        {
            var body = http.Request.ContentLength is 0 or null && !http.Request.Headers.ContainsKey("Transfer-Encoding")
                ? new TestAccountRequest(null) : await Input.Json(http.Request, ServerJson.Default.TestAccountRequest);
            if (body.Name is { } n && (n.Trim().Length is 0 or > 64 || n.Any(char.IsControl))) throw Fail.InvalidField("name");
            var made = await accounts.CreateTestAccountAsync(body.Name?.Trim(), http.RequestAborted);
            return TypedResults.Json(new TestAccountDto(made.Account.Id, made.Account.Name, made.Owner.Email, made.App.ClientId, made.ClientSecret!),
                ServerJson.Default.TestAccountDto, statusCode: StatusCodes.Status201Created);
        }).WithName("sandboxCreateAccount");
        sandbox.MapDelete("/accounts/{accountId}", async (AccountsService accounts, AccessTokens tokens, string accountId, HttpContext http) =>
        {
            // this node forgets at once what it checked of them (its own events may show later on PostgreSQL); other nodes follow the events
            foreach (var id in await accounts.DeleteTestAccountAsync(accountId, http.RequestAborted)) tokens.ForgetAccount(id);
            return TypedResults.NoContent();
        }).WithName("sandboxDeleteAccount");
        sandbox.MapGet("/clock", (SandboxService s) => Clock(s.ClockNow())).WithName("sandboxClock");
        sandbox.MapPut("/clock", async (SandboxService s, HttpContext http) =>
        {
            var body = await Input.Json(http.Request, ServerJson.Default.ClockRequest);
            DateTimeOffset? now = null;
            if (body.Now is not null)
                now = DateTimeOffset.TryParse(body.Now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
                    ? t : throw Fail.InvalidField("now");
            return Clock(await s.SetClockAsync(now, body.Frozen, http.RequestAborted));
        }).WithName("sandboxSetClock");
        sandbox.MapPost("/clock/advance", async (SandboxService s, HttpContext http) =>
        {
            var body = await Input.Json(http.Request, ServerJson.Default.AdvanceRequest);
            if (body.Seconds is not { } seconds || !double.IsFinite(seconds) || seconds <= 0 || seconds > SandboxService.MaxMove.TotalSeconds)
                throw Fail.InvalidField("seconds");
            return Clock(await s.AdvanceClockAsync(TimeSpan.FromSeconds(seconds), http.RequestAborted));
        }).WithName("sandboxAdvanceClock");
        sandbox.MapDelete("/clock", async (SandboxService s, HttpContext http) => Clock(await s.RealTimeAsync(http.RequestAborted))).WithName("sandboxRealTime");
        return app;
    }

    static IResult Clock(ClockState c)
        => TypedResults.Json(new ClockDto(StoreClock.Format(c.Now), c.Setting.FrozenAt is not null, c.Setting.IsRealTime, Math.Round(c.FromReal.TotalSeconds, 3)),
            ServerJson.Default.ClockDto);

    static SnapshotDto Dto(SnapshotInfo s) => new(s.Name, UserWire.Time(s.CreatedAt), s.Users, s.Restorable);

    static IResult Json(Restored r) => TypedResults.Json(new RestoredDto(Dto(r.Snapshot), r.Generation), ServerJson.Default.RestoredDto);
}
