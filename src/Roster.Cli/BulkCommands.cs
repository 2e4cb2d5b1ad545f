using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Net;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.Configuration.Attributes;
using Roster.Client;
using Roster.Client.Models;
using Spectre.Console;

namespace Roster.Cli;

/// <summary>
/// <c>roster users import</c> and <c>export</c>: bulk work with a progress bar, concurrency, resume after a
/// failure (a <c>.done</c> file beside the CSV lists what already landed) and a summary of what failed and why.
/// </summary>
static class BulkCommands
{
    /// <summary>The user's columns of the CSV, the same for export and import (in this order on export).</summary>
    static readonly string[] UserColumns = ["email", "first_name", "last_name", "type"];

    /// <summary>One CSV row: <c>email[,first_name,last_name,type,action,password]</c> (headers matched case-insensitively).</summary>
    class Row
    {
        [Name("email"), Index(0)] public string Email { get; set; } = "";
        [Name("first_name"), Index(1), Optional] public string? FirstName { get; set; }
        [Name("last_name"), Index(2), Optional] public string? LastName { get; set; }
        [Name("type"), Index(3), Optional] public int? Type { get; set; }
        [Name("action"), Index(4), Optional] public string? Action { get; set; }
        [Name("password"), Index(5), Optional] public string? Password { get; set; }
    }

    /// <summary>A row that failed, as it was read, with the reason: the failed-rows file can be fixed and imported again.</summary>
    sealed class FailedRow : Row
    {
        [Name("error"), Index(6)] public string Error { get; set; } = "";
    }

    /// <summary>Zoom's code and message, and each field error (<c>user_info.type: Invalid field.</c>).</summary>
    static string Reason(ZoomApiException e)
    {
        var head = e.Code is null ? e.ZoomMessage : $"{e.Code} {e.ZoomMessage}";
        return e.Errors.Count == 0 ? head : $"{head} ({string.Join("; ", e.Errors.Select(f => $"{f.Field}: {f.Message}"))})";
    }

    static readonly System.Text.Json.JsonSerializerOptions Line = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Rows per second for the progress bar (Spectre's transfer column speaks bytes).</summary>
    sealed class TransferSpeedlessRateColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
            => new Text(task.Speed is { } speed ? $"{speed:F0} rows/s" : "");
    }

    public static void Add(Command users, CliEnvironment env, Func<ParseResult, CliEnvironment, ZoomClient> client, Func<CliEnvironment, IAnsiConsole> console)
    {
        var csv = new Argument<string>("csv") { Description = "CSV with a header: email[,first_name,last_name,type,action,password]" };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight", DefaultValueFactory = _ => 4 };
        var action = new Option<string>("--action") { Description = "Default action for rows without one", DefaultValueFactory = _ => "custCreate" };
        var import = new Command("import", "Create the users of a CSV file (resumable)") { csv, concurrency, action };
        import.SetAction(async (p, ct) =>
        {
            var path = p.GetValue(csv)!;
            if (!File.Exists(path)) { await env.Error.WriteLineAsync($"roster: no such file: {path}"); return Cli.Usage; }
            List<Row> rows;
            try
            {
                using var reader = new StreamReader(path);
                using var parser = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant() });
                rows = parser.GetRecords<Row>().ToList();
            }
            catch (Exception e) when (e is CsvHelperException or HeaderValidationException)
            {
                await env.Error.WriteLineAsync($"roster: {path} is not a users CSV: {e.Message.Split('\n')[0]}");
                return Cli.Usage;
            }
            var json = p.GetValue(Cli.Json);
            var failedPath = path + ".failed.csv";
            var donePath = path + ".done";
            var done = File.Exists(donePath) ? File.ReadAllLines(donePath).ToHashSet(StringComparer.OrdinalIgnoreCase) : [];
            var todo = rows.Where(r => !done.Contains(r.Email)).ToList();
            using var zoom = client(p, env);
            var failures = new ConcurrentBag<(Row Row, string Reason)>();
            var lines = new ConcurrentQueue<string>();
            void Report(Row r, string result, ZoomApiException? e = null)
            {
                if (json)
                    lines.Enqueue(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
                    {
                        ["email"] = r.Email, ["result"] = result, ["code"] = e?.Code, ["message"] = e?.ZoomMessage,
                        ["errors"] = e is { Errors.Count: > 0 } ? e.Errors.Select(f => new Dictionary<string, string> { ["field"] = f.Field, ["message"] = f.Message }).ToList() : null,
                    }, Line));
            }
            var created = 0;
            var existed = 0;
            await using var doneFile = new StreamWriter(donePath, append: true) { AutoFlush = true };
            var gate = new object();
            async Task One(Row r, CancellationToken token)
            {
                try
                {
                    await zoom.Users.CreateAsync(new CreateUserRequest
                    {
                        Action = string.IsNullOrWhiteSpace(r.Action) ? p.GetValue(action)! : r.Action, // an empty cell is no value
                        UserInfo = new NewUser
                        {
                            Email = r.Email, Type = r.Type ?? UserTypes.Basic, FirstName = r.FirstName, LastName = r.LastName,
                            Password = string.IsNullOrEmpty(r.Password) ? null : r.Password,
                        },
                    }, token);
                    Interlocked.Increment(ref created);
                    Report(r, "created");
                }
                catch (ZoomApiException e) when (e.StatusCode == HttpStatusCode.Conflict && e.Code == 1005)
                {
                    Interlocked.Increment(ref existed); // already there: a previous run or someone else made it
                    Report(r, "exists");
                }
                catch (ZoomApiException e)
                {
                    failures.Add((r, Reason(e)));
                    Report(r, "failed", e);
                    return;
                }
                lock (gate) doneFile.WriteLine(r.Email);
            }
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, p.GetValue(concurrency)), CancellationToken = ct };
            if (env.OutIsTerminal && !json)
            {
                // a terminal: a live bar with rate, time left and the failures so far
                await AnsiConsole.Progress().AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedlessRateColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask($"Importing {Cli.Count(todo.Count, "user")}", maxValue: Math.Max(1, todo.Count));
                        await Parallel.ForEachAsync(todo, parallel, async (r, token) =>
                        {
                            await One(r, token);
                            task.Increment(1);
                            if (!failures.IsEmpty) task.Description = $"Importing {Cli.Count(todo.Count, "user")}, {failures.Count} failed";
                        });
                    });
            }
            else
            {
                // redirected (or --json): plain progress lines, on standard error when standard output carries JSON, the
                // last one the final count (a log shows how far it got)
                var progress = json ? env.Error : env.Out;
                await progress.WriteLineAsync($"Importing {Cli.Count(todo.Count, "user")}");
                var finished = 0;
                var step = Math.Max(1, todo.Count / 10);
                await Parallel.ForEachAsync(todo, parallel, async (r, token) =>
                {
                    await One(r, token);
                    var n = Interlocked.Increment(ref finished);
                    if (n % step == 0 && n < todo.Count)
                        lock (gate) progress.WriteLine($"  {n}/{todo.Count}, {failures.Count} failed");
                });
                await progress.WriteLineAsync($"Imported {finished} of {todo.Count}, {failures.Count} failed");
            }
            // the rows that failed, with their reasons, in the order of the input: fix them and import this file again
            if (failures.IsEmpty) File.Delete(failedPath);
            else
            {
                var order = rows.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
                await using var failedOut = new StreamWriter(failedPath);
                await using var failedCsv = new CsvWriter(failedOut, CultureInfo.InvariantCulture);
                await failedCsv.WriteRecordsAsync(failures.OrderBy(f => order[f.Row]).Select(f => new FailedRow
                {
                    Email = f.Row.Email, FirstName = f.Row.FirstName, LastName = f.Row.LastName, Type = f.Row.Type, Action = f.Row.Action,
                    Password = f.Row.Password, Error = f.Reason,
                }), ct);
            }
            var skipped = rows.Count - todo.Count;
            if (json)
            {
                foreach (var l in lines) await env.Out.WriteLineAsync(l);
                await env.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["summary"] = new Dictionary<string, object?>
                    {
                        ["created"] = created, ["exists"] = existed, ["skipped"] = skipped, ["failed"] = failures.Count,
                        ["failed_rows"] = failures.IsEmpty ? null : failedPath,
                    },
                }, Line));
            }
            else
            {
                await env.Out.WriteLineAsync($"Created {created}, already present {existed}, skipped (done before) {skipped}, failed {failures.Count}.");
                foreach (var g in failures.GroupBy(f => f.Reason).OrderByDescending(g => g.Count()))
                    await env.Out.WriteLineAsync($"  {g.Count()} x {g.Key}: {string.Join(", ", g.Take(5).Select(f => f.Row.Email))}{(g.Count() > 5 ? ", ..." : "")}");
                if (!failures.IsEmpty) await env.Out.WriteLineAsync($"The failed rows and why are in {failedPath}: fix them and import that file.");
            }
            return failures.IsEmpty ? Cli.Ok : Cli.ApiError;
        });
        users.Subcommands.Add(import);

        var output = new Option<string?>("--out") { Description = "Write the CSV here instead of standard output" };
        var status = new Option<string?>("--status") { Description = "active (default), inactive or pending" };
        var export = new Command("export", "Write every user as CSV (email,first_name,last_name,type: what import reads) or, with --json, as JSON lines with ids and status") { output, status };
        export.SetAction(async (p, ct) =>
        {
            using var zoom = client(p, env);
            var path = p.GetValue(output);
            if (p.GetValue(Cli.Json))
            {
                await using var jsonWriter = path is null ? null : new StreamWriter(path);
                var jsonTarget = jsonWriter ?? env.Out;
                var n = 0;
                await foreach (var u in zoom.Users.ListAllAsync(new ListUsersOptions { Status = p.GetValue(status) }, ct))
                {
                    await jsonTarget.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
                    {
                        ["id"] = u.Id, ["email"] = u.Email, ["first_name"] = u.FirstName, ["last_name"] = u.LastName, ["type"] = u.Type,
                        ["status"] = u.Status, ["dept"] = u.Department,
                    }, Line));
                    n++;
                }
                if (path is not null) await env.Error.WriteLineAsync($"Exported {Cli.Count(n, "user")} to {path}.");
                return Cli.Ok;
            }
            await using var writer = path is null ? null : new StreamWriter(path);
            var target = writer ?? env.Out;
            // the import's columns (without its instructions, action and password): export, then import into another
            // store at --concurrency 1, then export there, gives the same bytes
            await using var csvOut = new CsvWriter(target, CultureInfo.InvariantCulture, leaveOpen: true);
            foreach (var h in UserColumns) csvOut.WriteField(h);
            await csvOut.NextRecordAsync();
            var count = 0;
            await foreach (var u in zoom.Users.ListAllAsync(new ListUsersOptions { Status = p.GetValue(status) }, ct))
            {
                foreach (var f in new[] { u.Email, u.FirstName, u.LastName, u.Type.ToString(CultureInfo.InvariantCulture) }) csvOut.WriteField(f ?? "");
                await csvOut.NextRecordAsync();
                count++;
            }
            await csvOut.FlushAsync();
            if (path is not null) await env.Out.WriteLineAsync($"Exported {Cli.Count(count, "user")} to {path}.");
            return Cli.Ok;
        });
        users.Subcommands.Add(export);
    }
}
