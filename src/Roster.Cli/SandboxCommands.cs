using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Roster.Client;

namespace Roster.Cli;

/// <summary>
/// <c>roster sandbox …</c>: a Roster server's sandbox controls (reset, snapshots, the clock). They take the sandbox
/// admin key (<c>--admin-key</c> or <c>ROSTER_ADMIN_KEY</c>; it is <c>sandbox_admin_key</c> in the server's credentials
/// file), never Zoom credentials, and the server from <c>--base-url</c>, <c>ROSTER_BASE_URL</c> or the profile.
/// </summary>
static class SandboxCommands
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Add(RootCommand root, CliEnvironment env, Option<string?> baseUrl, Option<string> profileName, Func<ParseResult, bool> json)
    {
        var adminKey = new Option<string?>("--admin-key") { Description = "The sandbox admin key (env ROSTER_ADMIN_KEY)", Recursive = true };
        var sandbox = new Command("sandbox", "A Roster server's sandbox: reset, snapshots, the clock") { adminKey };
        root.Subcommands.Add(sandbox);

        RosterSandboxClient Client(ParseResult p)
        {
            Profile? saved = null;
            Profile.Load(env.ProfilePath).TryGetValue(p.GetValue(profileName)!, out saved);
            var url = p.GetValue(baseUrl) ?? env.Variable("ROSTER_BASE_URL") ?? saved?.BaseUrl
                ?? throw new Cli.UsageException("no server: pass --base-url, set ROSTER_BASE_URL, or run `roster login` (Zoom itself has no sandbox)");
            var key = p.GetValue(adminKey) ?? env.Variable("ROSTER_ADMIN_KEY")
                ?? throw new Cli.UsageException("no sandbox admin key: pass --admin-key or set ROSTER_ADMIN_KEY (sandbox_admin_key in the server's credentials file)");
            return env.SandboxFactory(new Uri(url), key);
        }

        void Command(Command parent, string name, string description, Func<ParseResult, RosterSandboxClient, CancellationToken, Task<object>> run,
            Func<object, string> text, params Symbol[] symbols)
        {
            var c = new Command(name, description);
            foreach (var s in symbols)
                if (s is Argument a) c.Arguments.Add(a); else c.Options.Add((Option)s);
            c.SetAction(async (p, ct) =>
            {
                using var client = Client(p);
                var result = await run(p, client, ct);
                await env.Out.WriteLineAsync(json(p) ? JsonSerializer.Serialize(result, result.GetType(), Indented) : text(result));
                return Cli.Ok;
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
        Command(snapshots, "delete", "Delete a snapshot", async (p, c, ct) =>
        {
            await c.DeleteSnapshotAsync(p.GetValue(name)!, ct);
            return new Dictionary<string, string> { ["deleted"] = p.GetValue(name)! };
        }, r => $"Deleted '{((Dictionary<string, string>)r)["deleted"]}'.", name);

        var accounts = new Command("accounts", "Isolated accounts for tests");
        sandbox.Subcommands.Add(accounts);
        var accountName = new Option<string?>("--name") { Description = "The account's name" };
        Command(accounts, "create", "Make an account with its own Server-to-Server app (prints its credentials once)",
            async (p, c, ct) => await c.CreateAccountAsync(p.GetValue(accountName), ct),
            r => r is TestAccount t ? $"account_id:    {t.AccountId}\nclient_id:     {t.ClientId}\nclient_secret: {t.ClientSecret}\nowner_email:   {t.OwnerEmail}" : "", accountName);
        var accountId = new Argument<string>("accountId") { Description = "An account made by `sandbox accounts create`" };
        Command(accounts, "delete", "Remove such an account and everything of it", async (p, c, ct) =>
        {
            await c.DeleteAccountAsync(p.GetValue(accountId)!, ct);
            return new Dictionary<string, string> { ["deleted"] = p.GetValue(accountId)! };
        }, r => $"Deleted account {((Dictionary<string, string>)r)["deleted"]}.", accountId);

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
    }
}
