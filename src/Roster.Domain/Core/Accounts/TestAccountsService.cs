using Roster.Domain.Abstractions;
using Roster.Domain.Errors;
using Roster.Domain.Events;

namespace Roster.Domain.Accounts;

/// <summary>A sandbox's per-test accounts: separate master accounts made and removed whole.</summary>
public sealed class TestAccountsService(IRosterStore store, TimeProvider clock, AppsService apps)
{
    DateTimeOffset Now => clock.GetUtcNow();

    static string NewId(int bytes = 16) => Ids.Random(bytes);

    /// <summary>
    /// A new, separate master account (a sandbox's per-test account): Business plan, 100 seats, an owner
    /// <c>owner-…@roster.test</c> without a password, and a Server-to-Server app holding every admin scope.
    /// </summary>
    public Task<BootstrapResult> CreateTestAccountAsync(string? name, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var now = Now;
            var id = NewId();
            var account = new Account
            {
                Id = id, AccountNumber = await s.NextAccountNumberAsync(), Name = name ?? $"Test account {id}", Plan = Plans.Business,
                LicensedSeats = 100, ManagedDomains = [], MasterAccount = true, CreatedAt = now,
            };
            var owner = BootstrapService.NewOwner(account, $"owner-{Ids.Random(6).ToLowerInvariant().Replace('_', '0').Replace('-', '0')}@roster.test", "Test", "Owner", null, now);
            account.OwnerId = owner.Id;
            await s.InsertAccountAsync(account);
            await s.InsertUserAsync(owner);
            var secret = NewId(24);
            var app = await apps.InsertApp(s, account, owner, NewId(12), secret);
            await s.RecordAsync(clock, Operator.System, DomainEvent.Of(account.Id, account.Id, new AccountCreated(EventAccount.Created(account, owner.Email))));
            return new BootstrapResult(account, owner, app, secret, true);
        }, ct);

    /// <summary>
    /// Removes a per-test account and everything of it; the primary account and sub accounts are refused. Returns the
    /// <see cref="EventTypes.AccountDeleted"/> events it recorded (one per account removed).
    /// </summary>
    public Task<IReadOnlyList<DomainEvent>> DeleteTestAccountAsync(string accountId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var account = await s.GetAccountAsync(accountId) ?? throw Fail.AccountNotFound(accountId);
            if (account.Id == await s.GetMetaAsync(BootstrapService.PrimaryMeta) || account.ParentId is not null)
                throw Fail.Invalid("Only an account made with POST /roster/v1/sandbox/accounts can be deleted here.");
            var recorded = new List<DomainEvent>();
            foreach (var id in await s.DeleteAccountTreeAsync(account.Id))
                recorded.Add((await s.RecordAsync(clock, Operator.System, DomainEvent.Of(id, id, new AccountDeleted(new EventAccount { Id = id }))))!);
            return (IReadOnlyList<DomainEvent>)recorded;
        }, ct);
}
