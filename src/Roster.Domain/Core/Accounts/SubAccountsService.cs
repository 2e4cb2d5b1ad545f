using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Paging;
using Roster.Domain.Users;

namespace Roster.Domain.Accounts;

/// <summary>A master account's sub accounts: creating, reading, listing and disassociating them, their options and managed domains.</summary>
public sealed class SubAccountsService(IRosterStore store, TimeProvider clock, PasswordHasher? passwords = null)
{
    readonly PasswordHasher _passwords = passwords ?? new PasswordHasher();

    DateTimeOffset Now => clock.GetUtcNow();

    static string NewId(int bytes = 16) => Ids.Random(bytes);

    /// <summary>The caller's account, if it is a master account on a paid plan; else Zoom's refusal.</summary>
    internal static async Task<Account> MasterOf(IStoreSession s, Caller caller)
    {
        var account = await s.GetAccountAsync(caller.AccountId) ?? throw Fail.AccountNotFound(caller.AccountId);
        if (!account.MasterAccount || !account.IsPaid) throw Fail.NoPrivilege("Only a master account on a Pro or higher plan can do this.");
        return account;
    }
    /// <param name="passwordHash">The owner's password hashed already (a bulk load hashes before its transaction).</param>
    public async Task<(Account Account, User Owner)> CreateSubAccountAsync(Caller caller, CreateAccountRequest body, CancellationToken ct = default, string? passwordHash = null)
    {
        Operations.CreateAccount.Authorize(caller, targetIsSelf: false);
        var errors = new List<FieldError>();
        if (!ProfileRules.IsEmail(body.Email)) errors.Add(new("email", "Invalid field."));
        if (string.IsNullOrWhiteSpace(body.FirstName) || !ProfileRules.IsName(body.FirstName)) errors.Add(new("first_name", "Invalid field."));
        if (string.IsNullOrWhiteSpace(body.LastName) || !ProfileRules.IsName(body.LastName)) errors.Add(new("last_name", "Invalid field."));
        if (string.IsNullOrEmpty(body.Password)) errors.Add(new("password", "Invalid field."));
        if (body.Plan is not null && !Plans.All.Contains(body.Plan)) errors.Add(new("plan", "Invalid field."));
        if (body.Seats is < 0 or > 1_000_000) errors.Add(new("seats", "Invalid field."));
        if (body.ManagedDomains is { } md && md.Any(d => !ProfileRules.IsEmail("x@" + d))) errors.Add(new("managed_domains", "Invalid field."));
        if (errors.Count > 0) throw Fail.Validation([.. errors]);
        var options = body.Options?.ApplyTo(AccountOptions.Default) ?? AccountOptions.Default;
        PasswordPolicy.Check(body.Password!);
        var hash = passwordHash ?? await _passwords.HashAsync(body.Password!, ct);
        return await store.Write(async s =>
        {
            var master = await MasterOf(s, caller);
            var email = body.Email!.ToLowerInvariant();
            if (await s.GetUserByEmailAsync(email) is not null) throw Fail.EmailTaken(email);
            var now = Now;
            var account = new Account
            {
                Id = NewId(),
                AccountNumber = await s.NextAccountNumberAsync(),
                Name = string.IsNullOrWhiteSpace(body.AccountName) ? $"{body.FirstName} {body.LastName}" : body.AccountName!,
                Plan = body.Plan ?? Plans.Pro,
                LicensedSeats = body.Seats ?? 10,
                ManagedDomains = body.ManagedDomains?.Select(d => d.ToLowerInvariant()).Distinct().ToList() ?? [],
                ParentId = master.Id,
                SsoPreProvisioning = body.SsoPreProvisioning ?? false,
                CreatedAt = now,
                Options = options,
            };
            var owner = BootstrapService.NewOwner(account, email, body.FirstName, body.LastName, hash, now);
            account.OwnerId = owner.Id;
            await s.InsertAccountAsync(account);
            await s.InsertUserAsync(owner);
            var by = Operator.Of(caller);
            await s.RecordAsync(clock, by, DomainEvent.Of(master.Id, account.Id, new AccountCreated(EventAccount.Created(account, owner.Email))));
            await s.RecordAsync(clock, by, DomainEvent.Of(owner, UserCreated.Of(owner, "subAccount")));
            return (account, owner);
        }, ct);
    }

    public Task<(Account Account, string OwnerEmail)> GetSubAccountAsync(Caller caller, string accountId, CancellationToken ct = default)
    {
        Operations.GetAccount.Authorize(caller, targetIsSelf: false);
        return store.ReadAsync(async s =>
        {
            var (_, account) = await SubOf(s, caller, accountId, hold: false);
            var owner = await s.GetUserAsync(account.OwnerId);
            return (account, owner?.Email ?? "");
        }, ct);
    }

    /// <summary>A sub account of the caller's master account (held for a write when <paramref name="hold"/>); 404/2001 for anything else.</summary>
    static async Task<(Account Master, Account Sub)> SubOf(IStoreSession s, Caller caller, string accountId, bool hold = true)
    {
        var master = await MasterOf(s, caller);
        var account = hold ? await s.LockAccountAsync(accountId) : await s.GetAccountAsync(accountId);
        if (account is null || account.ParentId != master.Id) throw Fail.AccountNotFound(accountId);
        return (master, account);
    }

    /// <summary>
    /// DELETE /accounts/{accountId}: the sub account leaves its master and goes on as an account of its own (its
    /// users, apps and settings intact); the master no longer lists, reads or switches users into it.
    /// </summary>
    public Task DisassociateAsync(Caller caller, string accountId, CancellationToken ct = default)
    {
        Operations.DisassociateAccount.Authorize(caller, targetIsSelf: false);
        return store.Write(async s =>
        {
            var (master, account) = await SubOf(s, caller, accountId);
            account.ParentId = null;
            await s.UpdateAccountAsync(account);
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(master.Id, account.Id,
                new AccountDisassociated(new EventAccount { Id = account.Id, AccountName = account.Name })));
            return true;
        }, ct);
    }

    /// <summary>PATCH /accounts/{accountId}/options: the master changes what it shares with a sub account and who pays.</summary>
    public Task UpdateOptionsAsync(Caller caller, string accountId, SubAccountOptions body, CancellationToken ct = default)
    {
        Operations.UpdateAccountOptions.Authorize(caller, targetIsSelf: false);
        return store.Write(async s =>
        {
            var (master, account) = await SubOf(s, caller, accountId);
            var before = account.Options;
            account.Options = body.ApplyTo(before);
            if (account.Options == before) return false;
            await s.UpdateAccountAsync(account);
            var (changed, previous) = Changes.Diff(
                JsonSerializer.SerializeToNode(before, DomainJsonContext.Default.AccountOptions)!.AsObject(),
                JsonSerializer.SerializeToNode(account.Options, DomainJsonContext.Default.AccountOptions)!.AsObject());
            changed["id"] = account.Id;
            previous["id"] = account.Id;
            await s.RecordAsync(clock, Operator.Of(caller), DomainEvent.Of(master.Id, account.Id, new AccountUpdated(changed, previous)));
            return true;
        }, ct);
    }

    /// <summary>GET /accounts/{accountId}/managed_domains: of the caller's own account (<c>me</c>) or of one of its sub accounts.</summary>
    public Task<IReadOnlyList<string>> ManagedDomainsAsync(Caller caller, string accountId, CancellationToken ct = default)
    {
        Operations.ManagedDomains.Authorize(caller, targetIsSelf: false);
        return store.ReadAsync<IReadOnlyList<string>>(async s =>
        {
            if (accountId == "me" || accountId == caller.AccountId)
                return (await s.GetAccountAsync(caller.AccountId) ?? throw Fail.AccountNotFound(accountId)).ManagedDomains;
            return (await SubOf(s, caller, accountId, hold: false)).Sub.ManagedDomains;
        }, ct);
    }

    public Task<(IReadOnlyList<(Account, string)> Accounts, int Total, long LastSeq, bool More)> ListSubAccountsAsync(
        Caller caller, long afterSeq, int pageSize, CancellationToken ct = default)
    {
        Operations.ListAccounts.Authorize(caller, targetIsSelf: false);
        return store.ReadAsync<(IReadOnlyList<(Account, string)>, int, long, bool)>(async s =>
        {
            var master = await MasterOf(s, caller);
            var total = await s.CountSubAccountsAsync(master.Id);
            var rows = await s.ListSubAccountsAsync(master.Id, afterSeq, pageSize + 1);
            var more = rows.Count > pageSize;
            var page = rows.Take(pageSize).ToList();
            var list = new List<(Account, string)>();
            foreach (var a in page) list.Add((a, (await s.GetUserAsync(a.OwnerId))?.Email ?? ""));
            return (list, total, page.Count > 0 ? page[^1].Seq : afterSeq, more);
        }, ct);
    }
}
