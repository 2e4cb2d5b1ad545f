using System.CommandLine;
using System.Globalization;
using Roster.Client.Models;

namespace Roster.Cli;

public static partial class Cli
{
    /// <summary>A user named on the command line: an e-mail when it has an <c>@</c>, else an id.</summary>
    internal static GroupUserRef GroupUser(string who) => who.Contains('@', StringComparison.Ordinal) ? GroupUserRef.ByEmail(who) : GroupUserRef.ById(who);

    /// <summary><c>roster groups …</c>: the account's groups and their members (Zoom adds at most 30 members a call).</summary>
    static void AddGroups(RootCommand root, CliEnvironment env)
    {
        var groups = new Command("groups", "Groups of the account and their members");
        root.Subcommands.Add(groups);
        var groupId = Arg("groupId", "Group id");

        groups.Subcommands.Add(Cmd("list", "List the account's groups (every page)", _ => { }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var list = new List<Group>();
            await foreach (var g in client.Groups.ListAllAsync(cancellationToken: ct)) list.Add(g);
            Print(p, e, list, ["id", "name", "members"], list.Select(g => new[] { g.Id, g.Name, g.TotalMembers.ToString(CultureInfo.InvariantCulture) }));
            if (!p.GetValue(Json)) await e.Error.WriteLineAsync($"{Count(list.Count, "group")}.");
            return Ok;
        }, env));

        groups.Subcommands.Add(Cmd("get", "Show one group", c => c.Arguments.Add(groupId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var g = await client.Groups.GetAsync(p.GetValue(groupId)!, ct);
            Print(p, e, g, ["field", "value"], [["id", g.Id], ["name", g.Name], ["total_members", g.TotalMembers.ToString(CultureInfo.InvariantCulture)]]);
            return Ok;
        }, env));

        var name = Arg("name", "Group name (unique in the account)");
        groups.Subcommands.Add(Cmd("create", "Create a group", c => c.Arguments.Add(name), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var g = await client.Groups.CreateAsync(new CreateGroupRequest { Name = p.GetValue(name)! }, ct);
            Print(p, e, g, ["id", "name"], [[g.Id, g.Name]]);
            return Ok;
        }, env));

        groups.Subcommands.Add(Cmd("rename", "Rename a group", c => { c.Arguments.Add(groupId); c.Arguments.Add(name); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Groups.UpdateAsync(p.GetValue(groupId)!, new UpdateGroupRequest { Name = p.GetValue(name) }, ct);
            await e.Out.WriteLineAsync("Renamed.");
            return Ok;
        }, env));

        groups.Subcommands.Add(Cmd("delete", "Delete a group (its members stay users)", c => c.Arguments.Add(groupId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Groups.DeleteAsync(p.GetValue(groupId)!, ct);
            await e.Out.WriteLineAsync("Deleted.");
            return Ok;
        }, env));

        groups.Subcommands.Add(Cmd("members", "List a group's members (every page, in the order they joined)", c => c.Arguments.Add(groupId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var list = new List<GroupMember>();
            await foreach (var m in client.Groups.ListAllMembersAsync(p.GetValue(groupId)!, cancellationToken: ct)) list.Add(m);
            Print(p, e, list, ["id", "email", "name", "type"],
                list.Select(m => new[] { m.Id, m.Email, $"{m.FirstName} {m.LastName}".Trim(), m.Type.ToString(CultureInfo.InvariantCulture) }));
            if (!p.GetValue(Json)) await e.Error.WriteLineAsync($"{Count(list.Count, "member")}.");
            return Ok;
        }, env));

        var users = new Argument<string[]>("users") { Description = "Users to add, by id or e-mail", Arity = ArgumentArity.OneOrMore };
        groups.Subcommands.Add(Cmd("add-members", "Add users to a group (30 a call; those already in stay)", c => { c.Arguments.Add(groupId); c.Arguments.Add(users); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var added = new List<string>();
            foreach (var batch in p.GetValue(users)!.Chunk(GroupImport.BatchSize))
            {
                var answer = await client.Groups.AddMembersAsync(p.GetValue(groupId)!, batch.Select(GroupUser), ct);
                added.AddRange(answer.Ids.Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
            Print(p, e, new Dictionary<string, object> { ["ids"] = added }, ["added"], added.Select(id => new[] { id }));
            if (!p.GetValue(Json)) await e.Error.WriteLineAsync($"Added {Count(added.Count, "member")} of {p.GetValue(users)!.Length} named.");
            return Ok;
        }, env));

        var member = Arg("member", "Member id or e-mail");
        groups.Subcommands.Add(Cmd("remove-member", "Take a user out of a group", c => { c.Arguments.Add(groupId); c.Arguments.Add(member); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Groups.DeleteMemberAsync(p.GetValue(groupId)!, p.GetValue(member)!, ct);
            await e.Out.WriteLineAsync("Removed.");
            return Ok;
        }, env));

        GroupImport.Add(groups, groupId, env, Client, Console);
    }
}
