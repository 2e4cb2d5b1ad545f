using Roster.Domain.Sandbox;
using Roster.Server.Hosting;
using static Roster.Server.AdminConsole.ConsoleEndpoints;
using Roster.Domain.Errors;

namespace Roster.Server.AdminConsole;

/// <summary>The console's sandbox pages and forms: reset, snapshots, the clock, fault rules and the request journal.</summary>
public static partial class ConsolePages
{
    public static async Task<IResult> SandboxAsync(HttpContext http, Session s, string? error = null, int status = 200)
    {
        var sandbox = Get<SandboxService>(http);
        return Render<SandboxPage>(new
        {
            s.Nav, Snapshots = await sandbox.ListAsync(http.RequestAborted), Clock = sandbox.ClockNow(),
            Notice = error is null ? Notice(http) : null, Error = error,
        }, status);
    }

    public const int JournalPageSize = 100;

    /// <summary>Fault rules and the request journal, filtered (as <c>GET /roster/v1/sandbox/journal</c> filters).</summary>
    public static Task<IResult> TrafficAsync(HttpContext http, Session s, string? error = null, int status = 200)
    {
        string? Q(string name) => Query(http, name);
        var problems = new List<FieldError>();
        long? after = Q("after") is { } a ? long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1 : null;
        if (after < 0) problems.Add(new FieldError("after", "Not a position in the journal."));
        var filter = new JournalFilter(Method: Q("method")?.ToUpperInvariant(), Path: Q("path"), Status: QueryInt(http, "status", problems), After: after,
            Faulted: Q("faulted") switch { "true" => true, "false" => false, _ => null });
        if (filter.Path is { } path)
        {
            try { FaultRules.Validate(new FaultSpec(FaultKind.Drop, Path: path)); }
            catch (ZoomException) { problems.Add(new FieldError("path", "Not a path pattern.")); }
        }
        if (problems.Count > 0) (error, status) = (Explain(Fail.Validation([.. problems]).Error), 400);
        var journal = http.RequestServices.GetService<RequestJournal>();
        var entries = journal is null ? null : problems.Count > 0 ? [] : journal.Find(filter, JournalPageSize);
        return Task.FromResult<IResult>(Render<TrafficPage>(new
        {
            s.Nav, Faults = Get<FaultRules>(http).List(), Journal = entries, Filter = filter, PageSize = JournalPageSize,
            Notice = error is null ? Notice(http) : null, Error = error,
        }, status));
    }

    /// <summary>Adds a fault rule as <c>POST /roster/v1/sandbox/faults</c> does (the same kinds and checks).</summary>
    public static async Task<IResult> AddFaultAsync(HttpContext http, Session s, IFormCollection form)
    {
        string? F(string name) => form[name].FirstOrDefault() is { Length: > 0 } v ? v.Trim() : null;
        try
        {
            if (F("fault") is not { } name || !SandboxEndpoints.FaultNames.TryGetValue(name, out var kind)) throw Fail.InvalidField("fault");
            int? Int(string field) => F(field) is not { } raw ? null
                : int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw Fail.InvalidField(field);
            double? probability = F("probability") is not { } p ? null
                : double.TryParse(p, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : throw Fail.InvalidField("probability");
            // the lifetime as the API bounds it: more than 0 s, at most 30 days
            DateTimeOffset? expires = Int("ttl_seconds") is not { } ttl ? null
                : ttl is > 0 and <= 30 * 86_400 ? Get<TimeProvider>(http).GetUtcNow().AddSeconds(ttl) : throw Fail.InvalidField("ttl_seconds");
            await Get<SandboxService>(http).AddFaultAsync(new FaultSpec(kind, F("operation"), F("method")?.ToUpperInvariant(), F("path"), F("account_id"), F("user_id"),
                Int("status"), Int("code"), F("message"), Int("retry_after"), Int("delay_ms") ?? 0, Int("nth") ?? 1, probability ?? 1.0, Int("seed"), Int("times"), expires),
                http.RequestAborted);
        }
        catch (ZoomException e) when (e.Error.Status == 400)
        {
            return await TrafficAsync(http, s, Explain(e.Error), 400);
        }
        return SeeOther(http, "/console/sandbox/traffic?done=fault");
    }

    public static async Task<IResult> DeleteFaultAsync(HttpContext http, Session s, string id)
    {
        if (!await Get<SandboxService>(http).RemoveFaultAsync(id, http.RequestAborted)) throw Fail.FaultNotFound(id);
        return SeeOther(http, "/console/sandbox/traffic?done=fault-deleted");
    }

    public static async Task<IResult> ResetAsync(HttpContext http, Session s)
    {
        await Get<SandboxService>(http).ResetAsync(http.RequestAborted);
        return SeeOther(http, "/console/sandbox?done=reset");
    }

    public static async Task<IResult> SaveSnapshotAsync(HttpContext http, Session s, IFormCollection form)
    {
        try
        {
            await Get<SandboxService>(http).SaveAsync(form["name"].FirstOrDefault() ?? "", http.RequestAborted);
        }
        catch (ZoomException e) when (e.Error.Status is 400 or 409)
        {
            return await SandboxAsync(http, s, e.Error.Message, e.Error.Status);
        }
        return SeeOther(http, "/console/sandbox?done=saved-snapshot");
    }

    public static async Task<IResult> RestoreAsync(HttpContext http, Session s, string name)
    {
        try
        {
            await Get<SandboxService>(http).RestoreAsync(name, http.RequestAborted);
        }
        catch (ZoomException e) when (e.Error.Status is 400 or 409)
        {
            return await SandboxAsync(http, s, e.Error.Message, e.Error.Status);
        }
        return SeeOther(http, "/console/sandbox?done=restored");
    }

    /// <summary>The virtual clock: advance by minutes, hours or days; freeze; or back to real time.</summary>
    public static async Task<IResult> ClockAsync(HttpContext http, Session s, IFormCollection form)
    {
        var sandbox = Get<SandboxService>(http);
        try
        {
            switch (form["action"].FirstOrDefault())
            {
                case "advance":
                    var unit = form["unit"].FirstOrDefault() switch { "minutes" => TimeSpan.FromMinutes(1), "hours" => TimeSpan.FromHours(1), "days" => TimeSpan.FromDays(1), _ => throw Fail.InvalidField("unit") };
                    if (!int.TryParse(form["amount"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1
                        || unit.TotalSeconds * amount > SandboxService.MaxMove.TotalSeconds)
                        throw Fail.InvalidField("amount");
                    await sandbox.AdvanceClockAsync(TimeSpan.FromSeconds(unit.TotalSeconds * amount), http.RequestAborted);
                    break;
                case "freeze":
                    await sandbox.SetClockAsync(null, true, http.RequestAborted);
                    break;
                case "real":
                    await sandbox.RealTimeAsync(http.RequestAborted);
                    break;
                default:
                    throw Fail.InvalidField("action");
            }
        }
        catch (ZoomException e) when (e.Error.Status == 400)
        {
            return await SandboxAsync(http, s, Explain(e.Error), 400);
        }
        return SeeOther(http, "/console/sandbox?done=clock");
    }
}
