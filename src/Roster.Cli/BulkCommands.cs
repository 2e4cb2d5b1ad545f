using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Net;
using CsvHelper;
using CsvHelper.Configuration;
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
    sealed class Row
    {
        public string Email { get; set; } = "";
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public int? Type { get; set; }
        public string? Action { get; set; }
        public string? Password { get; set; }
    }

    sealed class RowMap : ClassMap<Row>
    {
        public RowMap()
        {
            Map(r => r.Email).Name("email");
            Map(r => r.FirstName).Name("first_name").Optional();
            Map(r => r.LastName).Name("last_name").Optional();
            Map(r => r.Type).Name("type").Optional();
            Map(r => r.Action).Name("action").Optional();
            Map(r => r.Password).Name("password").Optional();
        }
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
                parser.Context.RegisterClassMap<RowMap>();
                rows = parser.GetRecords<Row>().ToList();
            }
            catch (Exception e) when (e is CsvHelperException or HeaderValidationException)
            {
                await env.Error.WriteLineAsync($"roster: {path} is not a users CSV: {e.Message.Split('\n')[0]}");
                return Cli.Usage;
            }
            var donePath = path + ".done";
            var done = File.Exists(donePath) ? File.ReadAllLines(donePath).ToHashSet(StringComparer.OrdinalIgnoreCase) : [];
            var todo = rows.Where(r => !done.Contains(r.Email)).ToList();
            using var zoom = client(p, env);
            var failures = new ConcurrentBag<(string Email, string Reason)>();
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
                        Action = r.Action ?? p.GetValue(action)!,
                        UserInfo = new NewUser { Email = r.Email, Type = r.Type ?? UserTypes.Basic, FirstName = r.FirstName, LastName = r.LastName, Password = r.Password },
                    }, token);
                    Interlocked.Increment(ref created);
                }
                catch (ZoomApiException e) when (e.StatusCode == HttpStatusCode.Conflict && e.Code == 1005)
                {
                    Interlocked.Increment(ref existed); // already there: a previous run or someone else made it
                }
                catch (ZoomApiException e)
                {
                    failures.Add((r.Email, e.Code is null ? e.ZoomMessage : $"{e.Code} {e.ZoomMessage}"));
                    return;
                }
                lock (gate) doneFile.WriteLine(r.Email);
            }
            var ui = console(env);
            await ui.Progress().AutoClear(false).StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"Importing {todo.Count} users", maxValue: Math.Max(1, todo.Count));
                await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, p.GetValue(concurrency)), CancellationToken = ct }, async (r, token) =>
                {
                    await One(r, token);
                    task.Increment(1);
                });
            });
            await env.Out.WriteLineAsync($"Created {created}, already present {existed}, skipped (done before) {rows.Count - todo.Count}, failed {failures.Count}.");
            foreach (var g in failures.GroupBy(f => f.Reason).OrderByDescending(g => g.Count()))
                await env.Out.WriteLineAsync($"  {g.Count()} x {g.Key}: {string.Join(", ", g.Take(5).Select(f => f.Email))}{(g.Count() > 5 ? ", ..." : "")}");
            return failures.IsEmpty ? Cli.Ok : Cli.ApiError;
        });
        users.Subcommands.Add(import);

        var output = new Option<string?>("--out") { Description = "Write the CSV here instead of standard output" };
        var status = new Option<string?>("--status") { Description = "active (default), inactive or pending" };
        var export = new Command("export", "Write every user as CSV") { output, status };
        export.SetAction(async (p, ct) =>
        {
            using var zoom = client(p, env);
            var path = p.GetValue(output);
            await using var writer = path is null ? null : new StreamWriter(path);
            var target = writer ?? env.Out;
            await using var csvOut = new CsvWriter(target, CultureInfo.InvariantCulture, leaveOpen: true);
            foreach (var h in new[] { "id", "email", "first_name", "last_name", "type", "status", "dept" }) csvOut.WriteField(h);
            await csvOut.NextRecordAsync();
            var count = 0;
            await foreach (var u in zoom.Users.ListAllAsync(new ListUsersOptions { Status = p.GetValue(status) }, ct))
            {
                foreach (var f in new[] { u.Id, u.Email, u.FirstName, u.LastName, u.Type.ToString(CultureInfo.InvariantCulture), u.Status, u.Department }) csvOut.WriteField(f ?? "");
                await csvOut.NextRecordAsync();
                count++;
            }
            await csvOut.FlushAsync();
            if (path is not null) await env.Out.WriteLineAsync($"Exported {count} users to {path}.");
            return Cli.Ok;
        });
        users.Subcommands.Add(export);
    }
}
