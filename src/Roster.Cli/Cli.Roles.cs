using System.CommandLine;
using System.Globalization;
using Roster.Client.Models;

namespace Roster.Cli;

public static partial class Cli
{
    /// <summary><c>roster roles …</c>: the built-in and custom roles, and who holds them.</summary>
    static void AddRoles(RootCommand root, CliEnvironment env)
    {
        var roles = new Command("roles", "Roles (0 Owner, 1 Admin, 2 Member, and custom ones) and who holds them");
        root.Subcommands.Add(roles);
        var roleId = Arg("roleId", "Role id");

        roles.Subcommands.Add(Cmd("list", "List the account's roles", _ => { }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var list = await client.Roles.ListAsync(cancellationToken: ct);
            Print(p, e, list, ["id", "name", "members", "description"],
                list.Roles.Select(r => new[] { r.Id, r.Name, r.TotalMembers.ToString(CultureInfo.InvariantCulture), r.Description }));
            return Ok;
        }, env));

        roles.Subcommands.Add(Cmd("get", "Show a role with its privileges", c => c.Arguments.Add(roleId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var r = await client.Roles.GetAsync(p.GetValue(roleId)!, ct);
            Print(p, e, r, ["field", "value"],
            [
                ["id", r.Id], ["name", r.Name], ["description", r.Description], ["type", r.Type], ["total_members", r.TotalMembers.ToString(CultureInfo.InvariantCulture)],
                ["privileges", string.Join(' ', r.Privileges)],
            ]);
            return Ok;
        }, env));

        var name = Arg("name", "Role name (unique in the account)");
        var description = new Option<string?>("--description") { Description = "What the role is for" };
        var privileges = new Option<string[]>("--privilege") { Description = "A privilege, Area:Action (User:Read, Group:Edit …); repeat for more", AllowMultipleArgumentsPerToken = false };
        roles.Subcommands.Add(Cmd("create", "Create a custom role", c => { c.Arguments.Add(name); c.Options.Add(description); c.Options.Add(privileges); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var given = p.GetValue(privileges);
            var r = await client.Roles.CreateAsync(new CreateRoleRequest
            {
                Name = p.GetValue(name)!, Description = p.GetValue(description), Privileges = given is { Length: > 0 } ? [.. given] : null,
            }, ct);
            Print(p, e, r, ["id", "name"], [[r.Id, r.Name]]);
            return Ok;
        }, env));

        roles.Subcommands.Add(Cmd("delete", "Delete a custom role no one holds", c => c.Arguments.Add(roleId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Roles.DeleteAsync(p.GetValue(roleId)!, ct);
            await e.Out.WriteLineAsync("Deleted.");
            return Ok;
        }, env));

        roles.Subcommands.Add(Cmd("members", "List who holds a role (every page)", c => c.Arguments.Add(roleId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var list = new List<RoleMember>();
            await foreach (var m in client.Roles.ListAllMembersAsync(p.GetValue(roleId)!, cancellationToken: ct)) list.Add(m);
            Print(p, e, list, ["id", "email", "name", "department"], list.Select(m => new[] { m.Id, m.Email, $"{m.FirstName} {m.LastName}".Trim(), m.Department }));
            if (!p.GetValue(Json)) await e.Error.WriteLineAsync($"{Count(list.Count, "member")}.");
            return Ok;
        }, env));

        var users = new Argument<string[]>("users") { Description = "Users to give the role, by id or e-mail", Arity = ArgumentArity.OneOrMore };
        roles.Subcommands.Add(Cmd("assign", "Give users a role (30 a call)", c => { c.Arguments.Add(roleId); c.Arguments.Add(users); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var assigned = new List<string>();
            foreach (var batch in p.GetValue(users)!.Chunk(GroupImport.BatchSize))
            {
                var answer = await client.Roles.AssignAsync(p.GetValue(roleId)!,
                    batch.Select(w => w.Contains('@', StringComparison.Ordinal) ? RoleMemberRef.ByEmail(w) : RoleMemberRef.ById(w)), ct);
                assigned.AddRange(answer.Ids.Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
            Print(p, e, new Dictionary<string, object> { ["ids"] = assigned }, ["assigned"], assigned.Select(id => new[] { id }));
            return Ok;
        }, env));

        var member = Arg("member", "Member id or e-mail");
        roles.Subcommands.Add(Cmd("unassign", "Take a role from a user (back to Member)", c => { c.Arguments.Add(roleId); c.Arguments.Add(member); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Roles.UnassignAsync(p.GetValue(roleId)!, p.GetValue(member)!, ct);
            await e.Out.WriteLineAsync("Unassigned.");
            return Ok;
        }, env));
    }
}
