using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>
/// A real Zoom client, not our reading of Zoom: Zoom's Node SDK <c>@zoom/rivet</c> 0.4.0 (<c>tests/clients</c>) drives
/// every Groups operation of its users module that Roster serves (<c>tests/clients/groups.mjs</c>; its header names the
/// settings calls left out) against a running <c>roster-server</c>, on the suite's engine. The test fails with the
/// script's output when a call or a check of an answer fails.
/// </summary>
public class RivetGroupsTests
{
    [SkippableFact]
    public async Task RivetDrivesEveryGroupsOperation()
    {
        var outcome = await RivetScript.RunAsync("groups.mjs", async http =>
        {
            // what Rivet did is what Roster holds: no groups, and the users it added are in none
            var groups = await http.GetFromJsonAsync<JsonObject>("/v2/groups");
            Assert.Equal(0, groups!["total_records"]!.GetValue<int>());
            var user = await http.GetFromJsonAsync<JsonObject>("/v2/users/rivet.one@example.com");
            Assert.Empty(user!["group_ids"]?.AsArray() ?? []);
        });
        Assert.True(outcome.ExitCode == 0, $"@zoom/rivet failed against Roster (exit {outcome.ExitCode}):\n{outcome.Output}\nserver log:\n{outcome.ServerLog}");
        Assert.Contains("ok: listGroups (none), createGroup", outcome.Output);
        foreach (var call in new[] { "updateGroup", "deleteGroup", "listGroupMembers", "addGroupMembers", "deleteGroupMember", "updateGroupMember (move)",
                     "updateGroupMember (set_primary)", "listGroupAdmins", "addGroupAdmins", "deleteGroupAdmin", "listGroupChannels" })
            Assert.Contains($" {call},", outcome.Output);
    }
}
