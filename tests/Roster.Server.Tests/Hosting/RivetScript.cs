using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>
/// Runs one of <c>tests/clients</c>' scripts (Zoom's Node SDK <c>@zoom/rivet</c>, installed by <c>npm ci</c>) against a
/// real <c>roster-server</c> process on the suite's engine, with two users of the account made for it. Skips without
/// node or the package on a laptop, fails without them under <c>CI=true</c>.
/// </summary>
public static class RivetScript
{
    static string ClientsFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Roster.slnx"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "tests", "clients");
    }

    /// <summary>What the script printed and its exit code, and the server's log.</summary>
    public sealed record Outcome(int ExitCode, string Output, string ServerLog);

    /// <summary>
    /// Starts a server, makes <c>rivet.one@example.com</c> (its id in <c>ROSTER_USER_ID</c>) and <c>rivet.two@example.com</c>
    /// (as <c>ROSTER_USER_EMAIL</c>, in other capitals), runs <paramref name="script"/>, then hands the server's client to
    /// <paramref name="after"/> to check what the script left behind.
    /// </summary>
    public static async Task<Outcome> RunAsync(string script, Func<HttpClient, Task> after)
    {
        var clients = ClientsFolder();
        var node = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);
        var installed = Directory.Exists(Path.Combine(clients, "node_modules", "@zoom", "rivet"));
        if ((node is null || !installed) && Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail("node and tests/clients/node_modules are required under CI (.ci/run runs npm ci there)");
        Skip.If(node is null, "node is not installed (apt-get install nodejs)");
        Skip.If(!installed, "@zoom/rivet is not installed: run npm ci in tests/clients");

        var data = TestTemp.NewFolder("roster-rivet");
        var store = TestEngine.Postgres ? PostgresCluster.NewDatabase() : null;
        try
        {
            await using var server = await ServerProcess.StartAsync(data, store);
            using var http = await ServerProcess.ClientAsync(server.BaseUrl);
            var ids = new List<string>();
            foreach (var email in new[] { "rivet.one@example.com", "rivet.two@example.com" })
            {
                var created = await http.PostAsJsonAsync("/v2/users", new { action = "custCreate", user_info = new { email, type = 1, first_name = "Rivet", last_name = "User" } });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                ids.Add((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
            }

            var info = new ProcessStartInfo(node!) { WorkingDirectory = clients, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(script);
            info.Environment["ROSTER_BASE_URL"] = server.BaseUrl;
            info.Environment["ROSTER_ACCOUNT_ID"] = RosterApp.AccountId;
            info.Environment["ROSTER_CLIENT_ID"] = RosterApp.ClientId;
            info.Environment["ROSTER_CLIENT_SECRET"] = RosterApp.ClientSecret;
            info.Environment["ROSTER_USER_ID"] = ids[0];
            info.Environment["ROSTER_USER_EMAIL"] = "Rivet.Two@example.com";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            var outcome = new Outcome(process.ExitCode, await stdout + await stderr, server.Log);
            if (outcome.ExitCode == 0) await after(http);
            return outcome;
        }
        finally
        {
            if (store is not null) PostgresCluster.Drop(store);
            TestTemp.Delete(data);
        }
    }
}
