using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;

namespace Roster.Domain.AdminConsole;

/// <summary>The console's user list, under the same rule as <c>GET /users</c> (the list-users scope, the caller's account only).</summary>
public sealed class ConsoleUsers(IRosterStore store)
{
    public async Task<UserBrowsePage> BrowseAsync(Caller caller, UserBrowseQuery q, CancellationToken ct = default)
    {
        Operations.ListUsers.Authorize(caller, targetIsSelf: false);
        if (q.Problems() is { Count: > 0 } problems) throw Fail.Validation([.. problems]);
        var rows = await store.ReadAsync(s => s.BrowseUsersAsync(caller.AccountId, q.Status, q.Type, q.RoleId, q.Prefix, q.After, q.PageSize + 1), ct);
        return rows.Count > q.PageSize ? new(rows.Take(q.PageSize).ToList(), rows[q.PageSize - 1].Seq) : new(rows, null);
    }
}
