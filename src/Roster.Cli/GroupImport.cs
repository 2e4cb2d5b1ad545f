using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.Configuration.Attributes;
using Roster.Client;
using Roster.Client.Models;
using Spectre.Console;

namespace Roster.Cli;

/// <summary>
/// <c>roster groups import-members &lt;group&gt; &lt;csv&gt;</c>: the users of a CSV (an <c>email</c> or <c>id</c> column) join a
/// group, 30 a call (Zoom's limit), with progress, and a summary and a failed-rows file as <c>roster users import</c> writes.
/// Zoom's answer lists the ids a call added; a row whose user is not among them is looked up once to tell "already a
/// member" from a failure (no such user in the account).
/// </summary>
static class GroupImport
{
    /// <summary>The most members Zoom adds in one call.</summary>
    public const int BatchSize = 30;

    /// <summary>One CSV row: <c>email</c> and/or <c>id</c> (headers matched case-insensitively; the id wins, as in Zoom's call).</summary>
    class Row
    {
        [Name("email"), Index(0), Optional] public string? Email { get; set; }
        [Name("id"), Index(1), Optional] public string? Id { get; set; }

        [Ignore] public string Who => string.IsNullOrWhiteSpace(Id) ? Email?.Trim() ?? "" : Id.Trim();
    }

    /// <summary>A row that failed, as it was read, with the reason: the failed-rows file can be imported again.</summary>
    sealed class FailedRow : Row
    {
        [Name("error"), Index(2)] public string Error { get; set; } = "";
    }

    enum Outcome { Added, Member, Failed }

    static readonly JsonSerializerOptions Line = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    static string Reason(ZoomApiException e) => e.Code is null ? e.ZoomMessage : $"{e.Code} {e.ZoomMessage}";

    public static void Add(Command groups, Argument<string> groupId, CliEnvironment env, Func<ParseResult, CliEnvironment, ZoomClient> client,
        Func<CliEnvironment, IAnsiConsole> console)
    {
        var csv = new Argument<string>("csv") { Description = "CSV with a header and an email or id column" };
        var import = new Command("import-members", "Add the users of a CSV file to a group (30 a call)") { groupId, csv };
        import.SetAction(async (p, ct) =>
        {
            var path = p.GetValue(csv)!;
            var group = p.GetValue(groupId)!;
            if (!File.Exists(path)) { await env.Error.WriteLineAsync($"roster: no such file: {path}"); return Cli.Usage; }
            List<Row> rows;
            try
            {
                using var reader = new StreamReader(path);
                using var parser = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
                {
                    PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(), HeaderValidated = null, MissingFieldFound = null,
                });
                await parser.ReadAsync();
                parser.ReadHeader();
                var header = parser.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
                if (!header.Contains("email") && !header.Contains("id")) throw new Cli.UsageException($"{path} has no email or id column");
                rows = parser.GetRecords<Row>().ToList();
            }
            catch (Exception e) when (e is CsvHelperException or HeaderValidationException)
            {
                await env.Error.WriteLineAsync($"roster: {path} is not a members CSV: {e.Message.Split('\n')[0]}");
                return Cli.Usage;
            }

            var json = p.GetValue(Cli.Json);
            using var zoom = client(p, env);
            var results = new (Outcome Outcome, string? Reason)[rows.Count];
            async Task Batch(int start, CancellationToken token)
            {
                var count = Math.Min(BatchSize, rows.Count - start);
                var named = Enumerable.Range(start, count).Where(i => rows[i].Who.Length > 0).ToList();
                foreach (var i in Enumerable.Range(start, count).Except(named)) results[i] = (Outcome.Failed, "no email or id");
                if (named.Count == 0) return;
                HashSet<string> added;
                try
                {
                    var answer = await zoom.Groups.AddMembersAsync(group,
                        named.Select(i => string.IsNullOrWhiteSpace(rows[i].Id) ? GroupUserRef.ByEmail(rows[i].Who) : GroupUserRef.ById(rows[i].Who)), token);
                    added = answer.Ids.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                }
                catch (ZoomApiException e)
                {
                    foreach (var i in named) results[i] = (Outcome.Failed, Reason(e));
                    return;
                }
                foreach (var i in named)
                {
                    if (added.Count == named.Count || added.Contains(rows[i].Who)) { results[i] = (Outcome.Added, null); continue; }
                    // not among the ids this call added: the user was a member already, or is not a user of the account
                    try
                    {
                        var user = await zoom.Users.GetAsync(rows[i].Who, token);
                        results[i] = added.Contains(user.Id ?? "") ? (Outcome.Added, null)
                            : user.GroupIds?.Contains(group) == true ? (Outcome.Member, null) : (Outcome.Failed, "not added to the group");
                    }
                    catch (ZoomApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
                    {
                        results[i] = (Outcome.Failed, Reason(e));
                    }
                }
            }

            var starts = Enumerable.Range(0, (rows.Count + BatchSize - 1) / BatchSize).Select(b => b * BatchSize).ToList();
            int Failed(int upTo) => results.Take(upTo).Count(r => r.Outcome == Outcome.Failed);
            if (env.OutIsTerminal && !json)
            {
                await console(env).Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask($"Adding {Cli.Count(rows.Count, "member")}", maxValue: Math.Max(1, rows.Count));
                        foreach (var start in starts)
                        {
                            await Batch(start, ct);
                            var done = Math.Min(start + BatchSize, rows.Count);
                            task.Value = done;
                            if (Failed(done) > 0) task.Description = $"Adding {Cli.Count(rows.Count, "member")}, {Failed(done)} failed";
                        }
                    });
            }
            else
            {
                // redirected (or --json): a line a batch, on standard error when standard output carries JSON
                var progress = json ? env.Error : env.Out;
                await progress.WriteLineAsync($"Adding {Cli.Count(rows.Count, "member")} to {group}, {BatchSize} a call");
                foreach (var start in starts)
                {
                    await Batch(start, ct);
                    var done = Math.Min(start + BatchSize, rows.Count);
                    await progress.WriteLineAsync($"  {done}/{rows.Count}, {Failed(done)} failed");
                }
            }

            var failedPath = path + ".failed.csv";
            var failures = Enumerable.Range(0, rows.Count).Where(i => results[i].Outcome == Outcome.Failed).ToList();
            if (failures.Count == 0) File.Delete(failedPath);
            else
            {
                await using var failedOut = new StreamWriter(failedPath);
                await using var failedCsv = new CsvWriter(failedOut, CultureInfo.InvariantCulture);
                await failedCsv.WriteRecordsAsync(failures.Select(i => new FailedRow { Email = rows[i].Email, Id = rows[i].Id, Error = results[i].Reason! }), ct);
            }
            var addedCount = results.Count(r => r.Outcome == Outcome.Added);
            var memberCount = results.Count(r => r.Outcome == Outcome.Member);
            if (json)
            {
                for (var i = 0; i < rows.Count; i++)
                    await env.Out.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
                    {
                        ["email"] = rows[i].Email, ["id"] = string.IsNullOrWhiteSpace(rows[i].Id) ? null : rows[i].Id,
                        ["result"] = results[i].Outcome switch { Outcome.Added => "added", Outcome.Member => "member", _ => "failed" }, ["message"] = results[i].Reason,
                    }, Line));
                await env.Out.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["summary"] = new Dictionary<string, object?>
                    {
                        ["added"] = addedCount, ["members"] = memberCount, ["failed"] = failures.Count, ["failed_rows"] = failures.Count == 0 ? null : failedPath,
                    },
                }, Line));
            }
            else
            {
                await env.Out.WriteLineAsync($"Added {addedCount}, already members {memberCount}, failed {failures.Count}.");
                foreach (var g in failures.GroupBy(i => results[i].Reason).OrderByDescending(g => g.Count()))
                    await env.Out.WriteLineAsync($"  {g.Count()} x {g.Key}: {string.Join(", ", g.Take(5).Select(i => rows[i].Who))}{(g.Count() > 5 ? ", ..." : "")}");
                if (failures.Count > 0) await env.Out.WriteLineAsync($"The failed rows and why are in {failedPath}: fix them and import that file.");
            }
            return failures.Count == 0 ? Cli.Ok : Cli.ApiError;
        });
        groups.Subcommands.Add(import);
    }
}
