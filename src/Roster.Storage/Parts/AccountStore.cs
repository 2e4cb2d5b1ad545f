using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>Accounts and their sub accounts.</summary>
internal sealed class AccountStore(SqlRunner db, SessionLocks locks) : IAccountStore
{
    sealed class AccountRow
    {
        public long Seq { get; set; }
        public string Id { get; set; } = "";
        public long AccountNumber { get; set; }
        public string Name { get; set; } = "";
        public string Plan { get; set; } = "";
        public long LicensedSeats { get; set; }
        public string ManagedDomains { get; set; } = "[]";
        public long MasterAccount { get; set; }
        public string? ParentId { get; set; }
        public string OwnerId { get; set; } = "";
        public long SsoPreProvisioning { get; set; }
        public long CreatedAt { get; set; }
        public string Options { get; set; } = "{}";

        public Account ToAccount() => new()
        {
            Seq = Seq, Id = Id, AccountNumber = AccountNumber, Name = Name, Plan = Plan, LicensedSeats = (int)LicensedSeats,
            ManagedDomains = JsonSerializer.Deserialize(ManagedDomains, StorageJson.Default.ListString) ?? [],
            MasterAccount = MasterAccount != 0, ParentId = ParentId, OwnerId = OwnerId, SsoPreProvisioning = SsoPreProvisioning != 0,
            CreatedAt = At(CreatedAt),
            Options = Options == "{}" ? AccountOptions.Default : JsonSerializer.Deserialize(Options, StorageJson.Default.AccountOptions) ?? AccountOptions.Default,
        };
    }

    const string AccountColumns = "seq, id, account_number, name, plan, licensed_seats, managed_domains, master_account, parent_id, owner_id, sso_pre_provisioning, created_at, options";

    public async Task<Account?> GetAccountAsync(string id)
        => (await db.One<AccountRow>($"SELECT {AccountColumns} FROM accounts WHERE id = @id", new { id }))?.ToAccount();

    public async Task InsertAccountAsync(Account a)
        => a.Seq = await db.Scalar<long>(
            """
            INSERT INTO accounts (id, account_number, name, plan, licensed_seats, managed_domains, master_account, parent_id, owner_id, sso_pre_provisioning, created_at, options)
            VALUES (@Id, @AccountNumber, @Name, @Plan, @LicensedSeats, @ManagedDomains, @MasterAccount, @ParentId, @OwnerId, @Sso, @CreatedAt, @Options)
            RETURNING seq
            """,
            new
            {
                a.Id, a.AccountNumber, a.Name, a.Plan, a.LicensedSeats,
                ManagedDomains = JsonSerializer.Serialize(a.ManagedDomains, StorageJson.Default.ListString),
                MasterAccount = a.MasterAccount ? 1 : 0, a.ParentId, a.OwnerId, Sso = a.SsoPreProvisioning ? 1 : 0, CreatedAt = Ms(a.CreatedAt),
                Options = JsonSerializer.Serialize(a.Options, StorageJson.Default.AccountOptions),
            });

    public Task UpdateAccountAsync(Account a)
        => db.Exec("""
            UPDATE accounts SET name = @Name, plan = @Plan, licensed_seats = @LicensedSeats, managed_domains = @ManagedDomains, sso_pre_provisioning = @Sso,
                parent_id = @ParentId, options = @Options
            WHERE id = @Id
            """,
            new
            {
                a.Id, a.Name, a.Plan, a.LicensedSeats, ManagedDomains = JsonSerializer.Serialize(a.ManagedDomains, StorageJson.Default.ListString), Sso = a.SsoPreProvisioning ? 1 : 0,
                a.ParentId, Options = JsonSerializer.Serialize(a.Options, StorageJson.Default.AccountOptions),
            });

    public async Task<int> CountSubAccountsAsync(string masterId)
        => (int)await db.Scalar<long>("SELECT COUNT(*) FROM accounts WHERE parent_id = @masterId", new { masterId });

    public async Task<IReadOnlyList<Account>> ListSubAccountsAsync(string masterId, long afterSeq, int limit)
        => (await db.Many<AccountRow>($"SELECT {AccountColumns} FROM accounts WHERE parent_id = @masterId AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { masterId, afterSeq, limit })).Select(r => r.ToAccount()).ToList();

    public async Task<long> NextAccountNumberAsync()
    {
        await locks.Named("account-number"); // held to the commit: the next one counts from this one
        return await db.Scalar<long>("SELECT COALESCE(MAX(account_number), 1000000000) + 1 FROM accounts", null);
    }

    /// <summary>The account as committed now, held against every other write of it until the session ends.</summary>
    public async Task<Account?> LockAsync(string id)
    {
        await locks.QueueFor("account:" + id);
        return (await db.One<AccountRow>($"SELECT {AccountColumns} FROM accounts WHERE id = @id {db.Dialect.ForUpdate}", new { id }))?.ToAccount();
    }
}
