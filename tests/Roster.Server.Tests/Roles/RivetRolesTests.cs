using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>
/// A real Zoom client, not our reading of Zoom: Zoom's Node SDK <c>@zoom/rivet</c> 0.4.0 (<c>tests/clients</c>, installed
/// by <c>npm ci</c>) drives all eight Roles operations of its accounts module against a running <c>roster-server</c>
/// (<c>tests/clients/roles.mjs</c>), on the suite's engine. The test fails with the script's output when a call fails.
/// </summary>
public class RivetRolesTests
{
    static string ClientsFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Roster.slnx"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "tests", "clients");
    }

    [SkippableFact]
    public async Task RivetDrivesEveryRolesOperation()
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
            info.ArgumentList.Add("roles.mjs");
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
            var output = await stdout + await stderr;
            Assert.True(process.ExitCode == 0, $"@zoom/rivet failed against Roster (exit {process.ExitCode}):\n{output}\nserver log:\n{server.Log}");
            Assert.Contains("ok: listRoles, createRole", output);

            // what Rivet did is what Roster holds: the role is gone and both users are members again
            var users = await http.GetFromJsonAsync<JsonObject>("/v2/users?role_id=2");
            Assert.Equal(2, users!["total_records"]!.GetValue<int>());
        }
        finally
        {
            if (store is not null) PostgresCluster.Drop(store);
            TestTemp.Delete(data);
        }
    }
}
