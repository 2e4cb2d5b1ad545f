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
    [SkippableFact]
    public async Task RivetDrivesEveryRolesOperation()
    {
        var outcome = await RivetScript.RunAsync("roles.mjs", async http =>
        {
            // what Rivet did is what Roster holds: the role is gone and both users are members again
            var users = await http.GetFromJsonAsync<JsonObject>("/v2/users?role_id=2");
            Assert.Equal(2, users!["total_records"]!.GetValue<int>());
        });
        Assert.True(outcome.ExitCode == 0, $"@zoom/rivet failed against Roster (exit {outcome.ExitCode}):\n{outcome.Output}\nserver log:\n{outcome.ServerLog}");
        Assert.Contains("ok: listRoles, createRole", outcome.Output);
    }
}
