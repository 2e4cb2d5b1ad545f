using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Roster.Client;

namespace Roster.Cli;

/// <summary>
/// <c>roster sandbox …</c>: a Roster server's sandbox controls (reset, snapshots, the clock). They take the sandbox
/// admin key (<c>--admin-key</c>, <c>ROSTER_ADMIN_KEY</c> or the profile's, saved by <c>roster login --admin-key</c>; it is
/// <c>sandbox_admin_key</c> in the server's credentials file), never Zoom credentials, and the server from <c>--base-url</c>, <c>ROSTER_BASE_URL</c> or the profile.
/// </summary>
static class SandboxCommands
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Converters = { new ApiTimeConverter() } };

    public static void Add(RootCommand root, CliEnvironment env, Option<string?> baseUrl, Option<string> profileName, Func<ParseResult, bool> json)
    {
        var adminKey = new Option<string?>("--admin-key") { Description = "The sandbox admin key (env ROSTER_ADMIN_KEY)", Recursive = true };
        var sandbox = new Command("sandbox", "A Roster server's sandbox: reset, snapshots, test accounts, the clock, faults, the journal") { adminKey };
        root.Subcommands.Add(sandbox);

        RosterSandboxClient Client(ParseResult p)
        {
            Profile? saved = null;
            Profile.Load(env.ProfilePath).TryGetValue(p.GetValue(profileName)!, out saved);
            var url = p.GetValue(baseUrl) ?? env.Variable("ROSTER_BASE_URL") ?? saved?.BaseUrl
                ?? throw new Cli.UsageException("no server: pass --base-url, set ROSTER_BASE_URL, or run `roster login` (Zoom itself has no sandbox)");
            var key = p.GetValue(adminKey) ?? env.Variable("ROSTER_ADMIN_KEY") ?? saved?.AdminKey
                ?? throw new Cli.UsageException("no sandbox admin key: pass --admin-key, set ROSTER_ADMIN_KEY or save it with `roster login --admin-key` (sandbox_admin_key in the server's credentials file)");
            return env.SandboxFactory(new Uri(url), key);
        }

        void Command(Command parent, string name, string description, Func<ParseResult, RosterSandboxClient, CancellationToken, Task<object>> run,
            Func<object, string> text, params Symbol[] symbols) => CommandWithExit(parent, name, description, run, text, _ => Cli.Ok, symbols);

        // a deletion: says what it deleted
        void Delete(Command parent, string name, string description, Argument<string> what, string noun, Func<RosterSandboxClient, string, CancellationToken, Task> delete)
            => Command(parent, name, description, async (p, c, ct) =>
            {
                await delete(c, p.GetValue(what)!, ct);
                return new Dictionary<string, string> { ["deleted"] = p.GetValue(what)! };
            }, r => $"Deleted {noun} {((Dictionary<string, string>)r)["deleted"]}.", what);

        void CommandWithExit(Command parent, string name, string description, Func<ParseResult, RosterSandboxClient, CancellationToken, Task<object>> run,
            Func<object, string> text, Func<object, int> exit, params Symbol[] symbols)
        {
            var c = new Command(name, description);
            foreach (var s in symbols)
                if (s is Argument a) c.Arguments.Add(a); else c.Options.Add((Option)s);
            c.SetAction(async (p, ct) =>
            {
                using var client = Client(p);
                var result = await run(p, client, ct);
                await env.Out.WriteLineAsync(json(p) ? JsonSerializer.Serialize(result, result.GetType(), Indented) : text(result));
                return exit(result);
            });
            parent.Subcommands.Add(c);
        }

        static string Restored(object r) => r is SandboxRestore x ? $"Restored '{x.Snapshot.Name}' ({x.Snapshot.Users} users); store generation {x.Generation}." : "";
        static string Clock(object r) => r is SandboxClock c
            ? $"{c.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)} ({(c.RealTime ? "real time" : c.Frozen ? "frozen" : "running")}, {c.OffsetSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s from real time)"
            : "";

        Command(sandbox, "reset", "Back to the state of the first start (credentials keep working)", async (_, c, ct) => await c.ResetAsync(ct), Restored);

        var snapshots = new Command("snapshots", "Named copies of the whole state");
        sandbox.Subcommands.Add(snapshots);
        var name = new Argument<string>("name") { Description = "Snapshot name (a-z, 0-9, - and _)" };
        Command(snapshots, "list", "List snapshots", async (_, c, ct) => await c.ListSnapshotsAsync(ct),
            r => string.Join('\n', ((IReadOnlyList<Snapshot>)r).Select(s =>
                $"{s.Name}\t{s.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\t{s.Users} users{(s.Restorable ? "" : "\t(other schema: not restorable)")}")));
        Command(snapshots, "save", "Save the whole state under a name", async (p, c, ct) => await c.SaveSnapshotAsync(p.GetValue(name)!, ct),
            r => $"Saved '{((Snapshot)r).Name}' ({((Snapshot)r).Users} users).", name);
        Command(snapshots, "restore", "Replace the whole state with a snapshot", async (p, c, ct) => await c.RestoreSnapshotAsync(p.GetValue(name)!, ct), Restored, name);
        Delete(snapshots, "delete", "Delete a snapshot", name, "snapshot", (c, n, ct) => c.DeleteSnapshotAsync(n, ct));

        var accounts = new Command("accounts", "Isolated accounts for tests");
        sandbox.Subcommands.Add(accounts);
        var accountName = new Option<string?>("--name") { Description = "The account's name" };
        Command(accounts, "create", "Make an account with its own Server-to-Server app (prints its credentials once)",
            async (p, c, ct) => await c.CreateAccountAsync(p.GetValue(accountName), ct),
            r => r is TestAccount t ? $"account_id:    {t.AccountId}\nclient_id:     {t.ClientId}\nclient_secret: {t.ClientSecret}\nowner_email:   {t.OwnerEmail}" : "", accountName);
        var accountId = new Argument<string>("accountId") { Description = "An account made by `sandbox accounts create`" };
        Delete(accounts, "delete", "Remove such an account and everything of it", accountId, "account", (c, id, ct) => c.DeleteAccountAsync(id, ct));

        var signer = new Argument<string>("user") { Description = "User id or e-mail (any account)" };
        var client = new Option<string>("--client") { Description = "browser, mac, win, iphone, android, ipad, chromeos or linux", DefaultValueFactory = _ => "mac" };
        var version = new Option<string?>("--client-version") { Description = "The client's version, e.g. 6.2.0.1234 (not for browser)" };
        var uniqueId = new Option<string?>("--employee-unique-id") { Description = "The SAML attribute an SSO user's sign-in brings" };
        Command(sandbox, "sign-in", "Act out a user signing in to a Zoom client (last_login_time, last_client_version, user.signed_in)", async (p, c, ct) =>
        {
            await c.SignInAsync(p.GetValue(signer)!, p.GetValue(client)!, p.GetValue(version), p.GetValue(uniqueId), ct);
            return new Dictionary<string, string> { ["signed_in"] = p.GetValue(signer)! };
        }, r => $"Signed in {((Dictionary<string, string>)r)["signed_in"]}.", signer, client, version, uniqueId);
        Command(sandbox, "sign-out", "Act out a user signing out of a Zoom client (user.signed_out)", async (p, c, ct) =>
        {
            await c.SignOutAsync(p.GetValue(signer)!, p.GetValue(client)!, p.GetValue(version), ct);
            return new Dictionary<string, string> { ["signed_out"] = p.GetValue(signer)! };
        }, r => $"Signed out {((Dictionary<string, string>)r)["signed_out"]}.", signer, client, version);

        var clock = new Command("clock", "The store's clock");
        sandbox.Subcommands.Add(clock);
        Command(clock, "show", "Show the store's time", async (_, c, ct) => await c.GetClockAsync(ct), Clock);
        var at = new Option<DateTimeOffset?>("--now") { Description = "The time to set (ISO 8601, e.g. 2030-01-01T00:00:00Z)" };
        var frozen = new Option<bool?>("--frozen") { Description = "true: stand still; false: run" };
        Command(clock, "set", "Set the time and/or freeze or release the clock", async (p, c, ct) => await c.SetClockAsync(p.GetValue(at), p.GetValue(frozen), ct), Clock, at, frozen);
        var seconds = new Argument<double>("seconds") { Description = "How far to move forward, in seconds" };
        Command(clock, "advance", "Move the time forward", async (p, c, ct) =>
        {
            var by = p.GetValue(seconds);
            if (!double.IsFinite(by) || by <= 0 || by > 315_576_000) throw new Cli.UsageException("seconds: more than 0, at most ten years");
            return await c.AdvanceClockAsync(TimeSpan.FromSeconds(by), ct);
        }, Clock, seconds);
        Command(clock, "real", "Back to real time", async (_, c, ct) => await c.UseRealTimeAsync(ct), Clock);

        var seedFile = new Argument<FileInfo>("file") { Description = "A seed file (YAML or JSON; see examples/seed.yaml)" };
        Command(sandbox, "seed", "Load a seed file: all of it, or nothing (each problem is named with its line)", async (p, c, ct) =>
        {
            var file = p.GetValue(seedFile)!;
            if (!file.Exists) throw new Cli.UsageException($"{file.FullName}: no such file");
            return await c.LoadSeedAsync(await File.ReadAllTextAsync(file.FullName, ct), ct);
        }, r => r is SeedLoaded l ? $"Loaded: {l.SubAccounts} sub account(s), {l.Users} user(s), {l.Apps} app(s)." : "", seedFile);

        var exportTo = new Option<FileInfo?>("--out") { Description = "Write the seed to this file (default: standard output)" };
        var export = new Command("export-seed", "Write the store out as a seed file (JSON) that loads back to the same state") { exportTo };
        export.SetAction(async (p, ct) =>
        {
            using var client = Client(p);
            var seed = await client.ExportSeedAsync(ct);
            if (p.GetValue(exportTo) is { } file) await File.WriteAllTextAsync(file.FullName, seed, ct);
            else await env.Out.WriteLineAsync(seed);
            return Cli.Ok;
        });
        sandbox.Subcommands.Add(export);

        AddFaults(sandbox, Command, Delete);
        AddJournal(sandbox, Command, CommandWithExit);
    }

    delegate void Make(Command parent, string name, string description, Func<ParseResult, RosterSandboxClient, CancellationToken, Task<object>> run,
        Func<object, string> text, params Symbol[] symbols);

    delegate void MakeWithExit(Command parent, string name, string description, Func<ParseResult, RosterSandboxClient, CancellationToken, Task<object>> run,
        Func<object, string> text, Func<object, int> exit, params Symbol[] symbols);

    static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    static void AddFaults(Command sandbox, Make command, Action<Command, string, string, Argument<string>, string, Func<RosterSandboxClient, string, CancellationToken, Task>> delete)
    {
        var faults = new Command("faults", "Fault rules: Zoom-shaped errors, latency or dropped connections for matching calls");
        sandbox.Subcommands.Add(faults);
        static string Line(SandboxFault f)
        {
            var match = string.Join(' ', new[] { ("operation", f.Operation), ("method", f.Method), ("path", f.Path), ("account", f.AccountId), ("user", f.UserId) }
                .Where(m => m.Item2 is not null).Select(m => $"{m.Item1}={m.Item2}"));
            return $"{f.Id}\t{f.Fault}{(f.Status is { } s ? $" {s}/{f.Code}" : "")}\t{(match.Length == 0 ? "every call" : match)}\thits {f.Hits}/{f.Matched} matched{(f.Spent == true ? "\tspent" : "")}";
        }
        command(faults, "list", "List fault rules with their counts", async (_, c, ct) => await c.ListFaultsAsync(ct),
            r => string.Join('\n', ((IReadOnlyList<SandboxFault>)r).Select(Line)));
        var kind = new Argument<string>("fault") { Description = "error, rate_limit, daily_limit, server_error, unavailable, expired_token, delay or drop" };
        var operation = new Option<string?>("--operation") { Description = "Zoom operation id (e.g. userCreate)" };
        var method = new Option<string?>("--method") { Description = "HTTP method" };
        var path = new Option<string?>("--path") { Description = "Path pattern: * within a segment, ** anything" };
        var account = new Option<string?>("--account-id") { Description = "The caller's account" };
        var user = new Option<string?>("--user-id") { Description = "The user named in the path" };
        var status = new Option<int?>("--status") { Description = "Status of an error fault" };
        var code = new Option<int?>("--code") { Description = "Zoom code of an error fault" };
        var message = new Option<string?>("--message") { Description = "Message instead of Zoom's" };
        var retryAfter = new Option<int?>("--retry-after") { Description = "Retry-After seconds (unavailable, error)" };
        var delayMs = new Option<int?>("--delay-ms") { Description = "Latency to add, in milliseconds" };
        var nth = new Option<int?>("--nth") { Description = "Hit from the n-th matching call on" };
        var probability = new Option<double?>("--probability") { Description = "Chance of a hit, 0 to 1" };
        var seed = new Option<int?>("--seed") { Description = "Seed for --probability" };
        var times = new Option<int?>("--times") { Description = "Hits before the rule is spent" };
        var ttl = new Option<double?>("--ttl") { Description = "Seconds (store clock) before the rule is spent" };
        command(faults, "add", "Add a fault rule", async (p, c, ct) => await c.AddFaultAsync(new SandboxFault
        {
            Fault = p.GetValue(kind)!, Operation = p.GetValue(operation), Method = p.GetValue(method), Path = p.GetValue(path), AccountId = p.GetValue(account),
            UserId = p.GetValue(user), Status = p.GetValue(status), Code = p.GetValue(code), Message = p.GetValue(message), RetryAfter = p.GetValue(retryAfter),
            DelayMs = p.GetValue(delayMs), Nth = p.GetValue(nth), Probability = p.GetValue(probability), Seed = p.GetValue(seed), Times = p.GetValue(times),
            TtlSeconds = p.GetValue(ttl),
        }, ct), r => $"Added {Line((SandboxFault)r)}", kind, operation, method, path, account, user, status, code, message, retryAfter, delayMs, nth, probability, seed, times, ttl);
        delete(faults, "delete", "Delete a fault rule", new Argument<string>("id") { Description = "The rule's id (flt_…)" }, "fault rule", (c, id, ct) => c.DeleteFaultAsync(id, ct));
        command(faults, "clear", "Delete every fault rule", async (_, c, ct) =>
        {
            await c.ClearFaultsAsync(ct);
            return new Dictionary<string, string> { ["cleared"] = "faults" };
        }, _ => "No fault rules now.");
    }

    static void AddJournal(Command sandbox, Make command, MakeWithExit commandWithExit)
    {
        var journal = new Command("journal", "The requests the server answered (secrets masked)");
        sandbox.Subcommands.Add(journal);
        var operation = new Option<string?>("--operation") { Description = "Zoom operation id" };
        var method = new Option<string?>("--method") { Description = "HTTP method" };
        var path = new Option<string?>("--path") { Description = "Path pattern: * within a segment, ** anything" };
        var status = new Option<int?>("--status") { Description = "Status answered" };
        var account = new Option<string?>("--account-id") { Description = "The caller's account" };
        var user = new Option<string?>("--user-id") { Description = "The user named in the path" };
        var since = new Option<DateTimeOffset?>("--since") { Description = "At or after this time (store clock, ISO 8601)" };
        var faulted = new Option<bool?>("--faulted") { Description = "true: only calls a fault answered" };
        JournalQuery Query(ParseResult p) => new()
        {
            Operation = p.GetValue(operation), Method = p.GetValue(method), Path = p.GetValue(path), Status = p.GetValue(status),
            AccountId = p.GetValue(account), UserId = p.GetValue(user), Since = p.GetValue(since), Faulted = p.GetValue(faulted),
        };
        var limit = new Option<int>("--limit") { Description = "At most this many entries (oldest first)", DefaultValueFactory = _ => 100 };
        command(journal, "list", "List journal entries", async (p, c, ct) => await c.GetJournalAsync(Query(p), p.GetValue(limit), ct),
            r => string.Join('\n', ((JournalPage)r).Entries.Select(e =>
                $"{e.Id}\t{Stamp(e.Time)}\t{e.Method} {e.Path}{(e.Query is null ? "" : "?" + e.Query)}\t{e.Status}{(e.Code is { } code ? $"/{code}" : "")}\t{e.Operation}{(e.Fault is null ? "" : $"\tfault {e.Fault}")}")),
            operation, method, path, status, account, user, since, faulted, limit);
        command(journal, "clear", "Empty the journal", async (_, c, ct) =>
        {
            await c.ClearJournalAsync(ct);
            return new Dictionary<string, string> { ["cleared"] = "journal" };
        }, _ => "The journal is empty now.");
        var body = new Option<string?>("--body") { Description = "JSON the request body must contain (members with equal values)" };
        var count = new Option<int?>("--count") { Description = "Exactly this many calls" };
        var atLeast = new Option<int?>("--at-least") { Description = "At least this many calls" };
        var atMost = new Option<int?>("--at-most") { Description = "At most this many calls" };
        commandWithExit(journal, "verify", "Check how many calls matched (exit 1 when not as expected)", async (p, c, ct) =>
        {
            var q = Query(p);
            if (p.GetValue(body) is { } text)
                try
                {
                    q.Body = JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException)
                {
                    throw new Cli.UsageException("--body: not JSON");
                }
            return await c.VerifyAsync(q, p.GetValue(count), p.GetValue(atLeast), p.GetValue(atMost), ct);
        }, r => r is JournalVerification v ? $"{(v.Ok ? "ok" : "NOT as expected")}: {v.Count} matching call(s), expected {v.Expected}" : "",
            r => r is JournalVerification { Ok: true } ? Cli.Ok : Cli.ApiError,
            operation, method, path, status, account, user, since, faulted, body, count, atLeast, atMost);
    }
}
