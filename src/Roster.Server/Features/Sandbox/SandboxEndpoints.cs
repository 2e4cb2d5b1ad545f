using Roster.Domain.Accounts;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Sandbox;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.Hosting;

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
            if (throttle.Blocked(http, FailureThrottle.SandboxKey)) throw Fail.TooManyFailedAttempts(http.Response.Headers.RetryAfter.ToString());
            var header = http.Request.Headers.Authorization.ToString();
            var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
            if (!await http.RequestServices.GetRequiredService<SandboxService>().IsAdminKeyAsync(key, http.RequestAborted))
            {
                if (!string.IsNullOrEmpty(key)) throttle.Failed(http, FailureThrottle.SandboxKey); // a key was guessed (no key at all is no guess)
                throw Fail.InvalidSandboxKey();
            }
            throttle.Succeeded(http, FailureThrottle.SandboxKey);
            return await next(ctx);
        });
        sandbox.MapPost("/users/{userId}/sign_in", async (ClientSignIns signIns, string userId, HttpContext http) =>
        {
            await signIns.SignInAsync(userId, await SignInBody(http), http.RequestAborted);
            return TypedResults.NoContent();
        }).WithName("sandboxSignIn");
        sandbox.MapPost("/users/{userId}/sign_out", async (ClientSignIns signIns, string userId, HttpContext http) =>
        {
            await signIns.SignOutAsync(userId, await SignInBody(http), http.RequestAborted);
            return TypedResults.NoContent();
        }).WithName("sandboxSignOut");
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
        sandbox.MapPost("/accounts", async (TestAccountsService accounts, AppsService apps, HttpContext http) =>
        {
            var body = http.Request.ContentLength is 0 or null && !http.Request.Headers.ContainsKey("Transfer-Encoding")
                ? new TestAccountRequest(null) : await Input.Json(http.Request, ServerJson.Default.TestAccountRequest);
            if (body.Name is { } n && (n.Trim().Length is 0 or > 64 || n.Any(char.IsControl))) throw Fail.InvalidField("name");
            var made = await accounts.CreateTestAccountAsync(body.Name?.Trim(), http.RequestAborted);
            return TypedResults.Json(new TestAccountDto(made.Account.Id, made.Account.Name, made.Owner.Email, made.App.ClientId, made.ClientSecret!, apps.WebhookSecretOf(made.App)),
                ServerJson.Default.TestAccountDto, statusCode: StatusCodes.Status201Created);
        }).WithName("sandboxCreateAccount");
        sandbox.MapDelete("/accounts/{accountId}", async (TestAccountsService accounts, StoreFollower follower, string accountId, HttpContext http) =>
        {
            // this node's memory follows its own events at once; other nodes read them from the outbox
            await follower.AppliedHereAsync(await accounts.DeleteTestAccountAsync(accountId, http.RequestAborted), http.RequestAborted);
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
        sandbox.MapPost("/seed", async (SeedLoader seeder, HttpContext http) =>
        {
            var type = http.Request.ContentType ?? "";
            if (!SeedTypes.Any(t => type.StartsWith(t, StringComparison.OrdinalIgnoreCase))) throw Fail.UnsupportedContentType(type);
            using var reader = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8);
            var loaded = await seeder.LoadAsync(SeedDocument.Parse(await reader.ReadToEndAsync(http.RequestAborted)), ct: http.RequestAborted);
            return TypedResults.Json(new SeedLoadedDto(loaded.Accounts, loaded.Users, loaded.Apps), ServerJson.Default.SeedLoadedDto, statusCode: StatusCodes.Status201Created);
        }).WithName("sandboxSeed");
        sandbox.MapGet("/seed", async (SeedLoader seeder, HttpContext http) =>
            TypedResults.Json(await seeder.ExportAsync(http.RequestAborted), ServerJson.Default.JsonObject)).WithName("sandboxExportSeed");
        MapFaults(sandbox);
        MapJournal(sandbox);
        return app;
    }

    static readonly string[] SeedTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/plain"];

    internal static readonly Dictionary<string, FaultKind> FaultNames = new(StringComparer.Ordinal)
    {
        ["error"] = FaultKind.Error, ["rate_limit"] = FaultKind.RateLimit, ["daily_limit"] = FaultKind.DailyLimit, ["server_error"] = FaultKind.ServerError,
        ["unavailable"] = FaultKind.Unavailable, ["expired_token"] = FaultKind.ExpiredToken, ["delay"] = FaultKind.Delay, ["drop"] = FaultKind.Drop,
    };

    static void MapFaults(RouteGroupBuilder sandbox)
    {
        sandbox.MapGet("/faults", (FaultRules faults) => TypedResults.Json(new FaultListDto(faults.List().Select(Dto).ToList()), ServerJson.Default.FaultListDto))
            .WithName("sandboxFaults");
        sandbox.MapPost("/faults", async (SandboxService sandboxService, TimeProvider clock, HttpContext http) =>
        {
            var b = await Input.Json(http.Request, ServerJson.Default.FaultRequest);
            if (b.Fault is null || !FaultNames.TryGetValue(b.Fault, out var kind)) throw Fail.InvalidField("fault");
            DateTimeOffset? expires = null;
            if (b.TtlSeconds is { } ttl)
                expires = double.IsFinite(ttl) && ttl is > 0 and <= 30 * 86_400 ? clock.GetUtcNow().AddSeconds(ttl) : throw Fail.InvalidField("ttl_seconds");
            var made = await sandboxService.AddFaultAsync(new FaultSpec(kind, b.Operation, b.Method?.ToUpperInvariant(), b.Path, b.AccountId, b.UserId, b.Status, b.Code, b.Message,
                b.RetryAfter, b.DelayMs ?? 0, b.Nth ?? 1, b.Probability ?? 1.0, b.Seed, b.Times, expires), http.RequestAborted);
            return TypedResults.Json(Dto(made), ServerJson.Default.FaultDto, statusCode: StatusCodes.Status201Created);
        }).WithName("sandboxAddFault");
        sandbox.MapDelete("/faults/{id}", async (SandboxService s, string id, HttpContext http) =>
            await s.RemoveFaultAsync(id, http.RequestAborted) ? Results.NoContent() : throw Fail.FaultNotFound(id)).WithName("sandboxDeleteFault");
        sandbox.MapDelete("/faults", async (SandboxService s, HttpContext http) =>
        {
            await s.ClearFaultsAsync(http.RequestAborted);
            return TypedResults.NoContent();
        }).WithName("sandboxClearFaults");
    }

    static FaultDto Dto(FaultInfo f) => new(f.Id, FaultNames.First(n => n.Value == f.Spec.Kind).Key, f.Spec.Operation, f.Spec.Method, f.Spec.Path,
        f.Spec.AccountId, f.Spec.UserId, f.Spec.Status, f.Spec.Code, f.Spec.Message, f.Spec.RetryAfterSeconds, f.Spec.DelayMs, f.Spec.Nth,
        f.Spec.Probability, f.Spec.Times, f.Spec.ExpiresAt is { } e ? UserWire.Time(e) : null, UserWire.Time(f.CreatedAt), f.Matched, f.Hits, f.Spent);

    /// <summary>The journal's calls; when the journal is switched off (<c>Sandbox:Journal:Enabled=false</c>) they answer 404 saying so.</summary>
    static void MapJournal(RouteGroupBuilder sandbox)
    {
        sandbox.MapGet("/journal", (IServiceProvider sp, HttpContext http) =>
        {
            var journal = Journal(sp);
            var q = http.Request.Query;
            var filter = new JournalFilter(Text(q, "operation"), Text(q, "method"), Text(q, "path"), Int(q, "status"), Int(q, "code"), Text(q, "account_id"),
                Text(q, "user_id"), Time(Text(q, "since"), "since"), Time(Text(q, "until"), "until"), Long(q, "after"), Bool(q, "faulted"));
            var size = Int(q, "page_size") ?? 100;
            if (size is < 1 or > 1000) throw Fail.InvalidField("page_size");
            var found = journal.Find(filter, size);
            return TypedResults.Json(new JournalDto(found.Select(Dto).ToList(), found.Count == size ? found[^1].Id : null), ServerJson.Default.JournalDto);
        }).WithName("sandboxJournal");
        sandbox.MapDelete("/journal", (IServiceProvider sp) =>
        {
            Journal(sp).Clear();
            return TypedResults.NoContent();
        }).WithName("sandboxClearJournal");
        sandbox.MapPost("/journal/verify", async (IServiceProvider sp, HttpContext http) =>
        {
            var journal = Journal(sp);
            var b = await Input.Json(http.Request, ServerJson.Default.VerifyRequest);
            if (b.Count is < 0 || b.AtLeast is < 0 || b.AtMost is < 0 || (b.Count is not null && (b.AtLeast is not null || b.AtMost is not null)))
                throw Fail.Invalid("Give count, or at_least and/or at_most (none: at least 1).");
            if (b.Path is not null) FaultRules.Validate(new FaultSpec(FaultKind.Drop, Path: b.Path));
            var filter = new JournalFilter(b.Operation, b.Method, b.Path, b.Status, b.Code, b.AccountId, b.UserId, Time(b.Since, "since"), Time(b.Until, "until"),
                b.After, b.Faulted, b.Body);
            var count = journal.Count(filter);
            var (min, max) = b.Count is { } exact ? (exact, exact) : (b.AtLeast ?? (b.AtMost is null ? 1 : 0), b.AtMost ?? int.MaxValue);
            var expected = min == max ? $"exactly {min}" : max == int.MaxValue ? $"at least {min}" : $"between {min} and {max}";
            return TypedResults.Json(new VerifyDto(count >= min && count <= max, count, expected), ServerJson.Default.VerifyDto);
        }).WithName("sandboxVerify");
    }

    static RequestJournal Journal(IServiceProvider sp)
        => sp.GetService<RequestJournal>() ?? throw Fail.JournalOff();

    static JournalEntryDto Dto(JournalEntry e) => new(e.Id, e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), e.Method, e.Path, e.Query, e.Operation, e.AccountId, e.UserId, e.Status, e.Code,
        e.DurationMs, Body(e.RequestBody), Body(e.ResponseBody), e.Fault, e.TrackingId);

    /// <summary>A kept JSON body as JSON; anything else (a form, a size note, a cut body) as a string.</summary>
    static JsonNode? Body(string? text)
    {
        if (text is null) return null;
        if (text.StartsWith('{') || text.StartsWith('['))
            try
            {
                return JsonNode.Parse(text);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
            {
                // cut: kept as text
            }
        return JsonValue.Create(text);
    }

    static string? Text(IQueryCollection q, string name) => q.TryGetValue(name, out var v) && v.ToString() is { Length: > 0 } s ? s : null;

    static int? Int(IQueryCollection q, string name)
        => Text(q, name) is not { } s ? null : int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Fail.InvalidField(name);

    static long? Long(IQueryCollection q, string name)
        => Text(q, name) is not { } s ? null : long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Fail.InvalidField(name);

    static bool? Bool(IQueryCollection q, string name)
        => Text(q, name) is not { } s ? null : bool.TryParse(s, out var b) ? b : throw Fail.InvalidField(name);

    static DateTimeOffset? Time(string? text, string name)
        => text is null ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t
            : throw Fail.InvalidField(name);

    static IResult Clock(ClockState c)
        => TypedResults.Json(new ClockDto(StoreClock.Format(c.Now), c.Setting.FrozenAt is not null, c.Setting.IsRealTime, Math.Round(c.FromReal.TotalSeconds, 3)),
            ServerJson.Default.ClockDto);

    static SnapshotDto Dto(SnapshotInfo s) => new(s.Name, UserWire.Time(s.CreatedAt), s.Users, s.Restorable);

    static async Task<ClientSignIn> SignInBody(HttpContext http)
    {
        var b = await Input.Json(http.Request, ServerJson.Default.SignInRequest);
        return new ClientSignIn(b.ClientType, b.Version, b.EmployeeUniqueId);
    }

    static IResult Json(Restored r) => TypedResults.Json(new RestoredDto(Dto(r.Snapshot), r.Generation), ServerJson.Default.RestoredDto);
}
