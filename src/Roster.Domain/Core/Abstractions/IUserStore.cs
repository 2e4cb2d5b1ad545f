using Roster.Domain.Users;

namespace Roster.Domain.Abstractions;

public interface IUserStore
{
    Task<User?> GetUserAsync(string id);
    Task<User?> GetUserByEmailAsync(string email);
    /// <summary>The account's users whose SSO <c>employee_unique_id</c> is this (at most two: enough to tell it is not unique).</summary>
    Task<IReadOnlyList<User>> GetUsersByEmployeeUniqueIdAsync(string accountId, string employeeUniqueId);
    Task<User?> GetUserByInviteTokenAsync(string inviteToken);
    Task<bool> VanityNameTakenAsync(string vanityName, string? exceptUserId);
    Task<bool> PmiTakenAsync(long pmi, string? exceptUserId);
    Task InsertUserAsync(User user);
    /// <summary>Bulk path for seeding and imports: many users in the current transaction, no ids returned.</summary>
    Task InsertUsersAsync(IReadOnlyList<User> users);
    Task<IReadOnlyList<long>> AllPmisAsync();
    Task UpdateUserAsync(User user);
    Task DeleteUserAsync(string id);
    /// <param name="featureFlag">When given, only users whose settings turn this <c>feature</c> leaf on (an add-on licence, see <see cref="Users.UserLicenses"/>).</param>
    Task<int> CountUsersAsync(string accountId, string status, string? roleId, string? featureFlag = null);
    /// <summary>Keyset page: users with <c>Seq &gt; afterSeq</c> in <c>Seq</c> order.</summary>
    Task<IReadOnlyList<User>> ListUsersAsync(string accountId, string status, string? roleId, long afterSeq, int limit, string? featureFlag = null);
    /// <summary>
    /// A page of GET /users: the list items of users with <c>Seq &gt; afterSeq</c> in <c>Seq</c> order, skipping
    /// <paramref name="offset"/> of them first (only the deprecated <c>page_number</c> parameter skips).
    /// </summary>
    Task<IReadOnlyList<UserListItem>> ListUserItemsAsync(string accountId, string status, string? roleId, long afterSeq, int offset, int limit, string? featureFlag = null);
    /// <summary>
    /// The console's keyset page: users of one status with <c>Seq &gt; afterSeq</c> in <c>Seq</c> order, optionally of
    /// one type and role, and with a lower-case <paramref name="prefix"/> the e-mail, first name or last name starts with.
    /// </summary>
    Task<IReadOnlyList<User>> BrowseUsersAsync(string accountId, string status, int? type, string? roleId, string? prefix, long afterSeq, int limit);
    Task<int> CountSeatHoldersAsync(string accountId, string? exceptUserId);
    /// <summary>The account's users counted by status and type (from the kept totals, not by reading the users).</summary>
    Task<IReadOnlyList<UserTally>> TallyUsersAsync(string accountId);
}
