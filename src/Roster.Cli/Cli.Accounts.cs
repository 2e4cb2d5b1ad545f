using System.CommandLine;
using System.Globalization;
using Roster.Client.Models;

namespace Roster.Cli;

public static partial class Cli
{
    /// <summary><c>roster accounts …</c>: a master account's sub accounts, and managed domains.</summary>
    static void AddAccounts(RootCommand root, CliEnvironment env)
    {
        var accounts = new Command("accounts", "Sub accounts of a master account, and managed domains");
        root.Subcommands.Add(accounts);
        var accountId = Arg("accountId", "A sub account's id");
        accounts.Subcommands.Add(Cmd("list", "List sub accounts (every page)", _ => { }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var list = new List<SubAccount>();
            string? next = null;
            do
            {
                var page = await client.Accounts.ListAsync(300, next, ct);
                list.AddRange(page.Accounts);
                next = page.NextPageToken;
            } while (!string.IsNullOrEmpty(next));
            Print(p, e, list, ["id", "name", "owner", "plan", "seats"],
                list.Select(a => new[] { a.Id, a.AccountName, a.OwnerEmail, a.AccountType, a.Seats?.ToString(CultureInfo.InvariantCulture) }));
            return Ok;
        }, env));
        accounts.Subcommands.Add(Cmd("get", "Show a sub account with its options", c => c.Arguments.Add(accountId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var a = await client.Accounts.GetAsync(p.GetValue(accountId)!, ct);
            Print(p, e, a, ["field", "value"],
            [
                ["id", a.Id], ["name", a.AccountName], ["owner", a.OwnerEmail], ["plan", a.AccountType], ["pay_mode", a.Options?.PayMode],
                ["share_rc", a.Options?.ShareRc?.ToString()], ["share_mc", a.Options?.ShareMc?.ToString()],
            ]);
            return Ok;
        }, env));
        var ownerEmail = new Option<string>("--owner-email") { Description = "The owner's e-mail", Required = true };
        var ownerFirst = new Option<string>("--first-name") { Description = "The owner's first name", Required = true };
        var ownerLast = new Option<string>("--last-name") { Description = "The owner's last name", Required = true };
        var ownerPassword = new Option<string>("--password") { Description = "The owner's password", Required = true };
        var accountName = new Option<string?>("--name") { Description = "The account's name" };
        accounts.Subcommands.Add(Cmd("create", "Create a sub account and its owner", c => { foreach (var o in new Option[] { ownerEmail, ownerFirst, ownerLast, ownerPassword, accountName }) c.Options.Add(o); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var made = await client.Accounts.CreateAsync(new CreateSubAccountRequest
            {
                Email = p.GetValue(ownerEmail)!, FirstName = p.GetValue(ownerFirst)!, LastName = p.GetValue(ownerLast)!, Password = p.GetValue(ownerPassword)!,
                AccountName = p.GetValue(accountName),
            }, ct);
            Print(p, e, made, ["id", "owner"], [[made.Id, made.OwnerEmail]]);
            return Ok;
        }, env));
        accounts.Subcommands.Add(Cmd("disassociate", "Let a sub account go on as an account of its own", c => c.Arguments.Add(accountId), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Accounts.DisassociateAsync(p.GetValue(accountId)!, ct);
            await e.Out.WriteLineAsync("Disassociated.");
            return Ok;
        }, env));
        var shareRc = new Option<bool?>("--share-rc") { Description = "Share the master's room connectors" };
        var shareMc = new Option<bool?>("--share-mc") { Description = "Share the master's meeting connectors" };
        var payMode = new Option<string?>("--pay-mode") { Description = "master or sub" };
        accounts.Subcommands.Add(Cmd("options", "Change a sub account's options (only those given)", c => { c.Arguments.Add(accountId); c.Options.Add(shareRc); c.Options.Add(shareMc); c.Options.Add(payMode); }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Accounts.UpdateOptionsAsync(p.GetValue(accountId)!, new SubAccountOptionsUpdate { ShareRc = p.GetValue(shareRc), ShareMc = p.GetValue(shareMc), PayMode = p.GetValue(payMode) }, ct);
            await e.Out.WriteLineAsync("Updated.");
            return Ok;
        }, env));
        var domainsOf = new Argument<string>("accountId") { Description = "A sub account's id, or me", DefaultValueFactory = _ => "me" };
        accounts.Subcommands.Add(Cmd("domains", "List an account's managed domains", c => c.Arguments.Add(domainsOf), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var list = await client.Accounts.GetManagedDomainsAsync(p.GetValue(domainsOf)!, ct);
            Print(p, e, list, ["domain", "status"], list.Select(d => new[] { d.Domain, d.Status }));
            return Ok;
        }, env));
    }
}
