using Roster.Domain.AccountRoles;
using Roster.Domain.Users;

namespace Roster.Domain.Abstractions;

/// <summary>
/// Roles of accounts: the custom ones and a built-in Admin the account changed. A user's role is its
/// <c>users.role_id</c>, so members are users and their numbers come from the users' kept totals.
/// </summary>
public interface IRoleStore
{
    /// <summary>The stored role <paramref name="id"/> of <paramref name="accountId"/> (a role of another account is null).</summary>
    Task<Role?> GetRoleAsync(string accountId, string id);
    /// <summary>An account's stored roles, oldest first.</summary>
    Task<IReadOnlyList<Role>> ListRolesAsync(string accountId);
    /// <summary>Adds a role; a name the account already uses (ignoring case) is a <see cref="UniqueKeyConflict"/> on <c>role_name</c>.</summary>
    Task InsertRoleAsync(Role role);
    /// <summary>Writes a role's name, description, privileges and sub-account level (the same conflict on a taken name).</summary>
    Task UpdateRoleAsync(Role role);
    Task<bool> DeleteRoleAsync(string accountId, string id);
    /// <summary>How many users of the account hold each role, whatever their status (from the kept totals).</summary>
    Task<IReadOnlyDictionary<string, long>> CountRoleMembersAsync(string accountId);
    /// <summary>
    /// Keyset page of a role's members (any status): users with <c>Seq &gt; afterSeq</c> in <c>Seq</c> order, skipping
    /// <paramref name="offset"/> first (only the deprecated <c>page_number</c> skips).
    /// </summary>
    Task<IReadOnlyList<User>> ListRoleMembersAsync(string accountId, string roleId, long afterSeq, int offset, int limit);
}
