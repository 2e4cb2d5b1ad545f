using Roster.Domain.Accounts;

namespace Roster.Domain.Abstractions;

public interface IAccountStore
{
    Task<Account?> GetAccountAsync(string id);
    Task InsertAccountAsync(Account account);
    /// <summary>Writes an account's name, plan, seats, managed domains and SSO option.</summary>
    Task UpdateAccountAsync(Account account);
    Task<int> CountSubAccountsAsync(string masterId);
    Task<IReadOnlyList<Account>> ListSubAccountsAsync(string masterId, long afterSeq, int limit);
    Task<long> NextAccountNumberAsync();
}
