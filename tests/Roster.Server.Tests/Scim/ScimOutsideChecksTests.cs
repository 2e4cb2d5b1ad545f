using System.Diagnostics;

namespace Roster.Server.Tests;

/// <summary>
/// Roster's /scim2 checked by SCIM code nobody on the project wrote (<c>tests/clients/scim</c>, pinned by its lock file,
/// installed by <c>npm ci</c>): scimmy 1.3.5 validates every User and Group resource Roster returns against RFC 7643's
/// schemas, and scim-patch 0.8.3 computes what each PATCH should give, which Roster's answer must equal. Runs against a real
/// <c>roster-server</c> on the suite's engine (CI runs the suite on SQLite and on PostgreSQL); fails with the script's output.
/// </summary>
public class ScimOutsideChecksTests
{
    static string ScimClientsFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Roster.slnx"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "tests", "clients", "scim");
    }

    [SkippableFact]
    public async Task ScimmyAndScimPatchAgreeWithRoster()
    {
        var folder = ScimClientsFolder();
        var node = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);
        var installed = Directory.Exists(Path.Combine(folder, "node_modules", "scimmy")) && Directory.Exists(Path.Combine(folder, "node_modules", "scim-patch"));
        if ((node is null || !installed) && Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail("node and tests/clients/scim/node_modules are required under CI (.ci/run runs npm ci there)");
        Skip.If(node is null, "node is not installed (apt-get install nodejs)");
        Skip.If(!installed, "scimmy and scim-patch are not installed: run npm ci in tests/clients/scim");

        var data = TestTemp.NewFolder("roster-scimcheck");
        var store = TestEngine.Postgres ? PostgresCluster.NewDatabase() : null;
        try
        {
            await using var server = await ServerProcess.StartAsync(data, store);
            var info = new ProcessStartInfo(node!) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("check.mjs");
            info.Environment["ROSTER_BASE_URL"] = server.BaseUrl;
            info.Environment["ROSTER_TOKEN"] = await ServerProcess.TokenAsync(server.BaseUrl);
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
            Assert.True(process.ExitCode == 0, $"the outside SCIM checks failed against Roster (exit {process.ExitCode}):\n{output}\nserver log:\n{server.Log}");
            // the script names each part it finished: every one ran
            var finished = output.Split('\n').Single(l => l.StartsWith("ok: ", StringComparison.Ordinal))[4..].Split(';')[0].Split(", ");
            Assert.Equal(["discovery", "create", "list", "replace", "patch", "groups", "delete"], finished);
        }
        finally
        {
            if (store is not null) PostgresCluster.Drop(store);
            TestTemp.Delete(data);
        }
    }
}
