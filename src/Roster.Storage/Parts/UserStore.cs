using Roster.Domain.Abstractions;
using Roster.Domain.Users;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>Users and their list totals.</summary>
internal sealed class UserStore(SqlRunner db, int countShards, SessionLocks locks) : IUserStore
{
    static readonly string Select = UserTable.Columns.Select;
    // the hottest reads' text, built once
    internal static readonly string ById = $"SELECT {Select} FROM users WHERE id = @id";
    internal static readonly string ByEmail = $"SELECT {Select} FROM users WHERE email = @email";

    /// <summary>The user of a query of at most one row, or null.</summary>
    async Task<User?> One(string sql, object args)
    {
        var rows = await Many(sql, args, 1);
        return rows.Count switch { 0 => null, 1 => rows[0], _ => throw new InvalidOperationException("Sequence contains more than one element") };
    }

    async Task<IReadOnlyList<User>> Many(string sql, object args, int capacity = 4) => await db.Read(sql, args, _read ??= r => UserTable.Read(r, db.Dialect), Math.Min(capacity, 1000));

    Func<DbDataReader, User>? _read;

    /// <summary>Moves users between (account, status, role, type) totals; <c>delta</c> is +1 or -1 for one user.</summary>
    Task Count(CountKey key, long delta)
        => db.Later(CountSql, new { key.AccountId, key.Status, key.RoleId, key.Type, delta, shard = CountShard() });

    const string CountSql =
        """
        INSERT INTO user_counts (account_id, status, role_id, type, shard, n) VALUES (@AccountId, @Status, @RoleId, @Type, @shard, @delta)
        ON CONFLICT (account_id, status, role_id, type, shard) DO UPDATE SET n = user_counts.n + excluded.n
        """;

    int CountShard() => countShards == 1 ? 0 : Random.Shared.Next(countShards);

    sealed record CountKey(string AccountId, string Status, string RoleId, long Type)
    {
        public static CountKey Of(User u) => new(u.AccountId, u.Status, u.RoleId, u.Type);
    }

    Task<CountKey?> KeyOf(string id) => db.One<CountKey>("SELECT account_id, status, role_id, type FROM users WHERE id = @id", new { id });

    /// <summary>The user as committed now, held against every other write of it until the session ends.</summary>
    public async Task<User?> LockAsync(string id)
    {
        await locks.QueueFor("user:" + id);
        var user = await One($"SELECT {Select} FROM users WHERE id = @id {db.Dialect.ForUpdate}", new { id });
        if (user is not null) Hold(user.Id, CountKey.Of(user));
        return user;
    }

    /// <summary>
    /// The totals' keys of users this session holds, as the row now is (read under its lock, or written by this session):
    /// a user's totals move without reading the row again while its lock is held.
    /// </summary>
    Dictionary<string, CountKey>? _held;

    void Hold(string userId, CountKey key) => (_held ??= new(StringComparer.Ordinal))[userId] = key;

    async Task<CountKey?> HeldKeyOf(string userId) => _held is not null && _held.TryGetValue(userId, out var key) ? key : await KeyOf(userId);

    public async Task<User?> GetUserAsync(string id)
        => await One(ById, new { id });

    public async Task<IReadOnlyList<User>> GetUsersByEmployeeUniqueIdAsync(string accountId, string employeeUniqueId)
        => await Many($"SELECT {Select} FROM users WHERE account_id = @accountId AND {db.Dialect.JsonText("profile", "employee_unique_id")} = @employeeUniqueId LIMIT 2",
            new { accountId, employeeUniqueId });

    public async Task<User?> GetUserByEmailAsync(string email)
        => await One(ByEmail, new { email });

    public async Task<User?> GetUserByInviteTokenAsync(string inviteToken)
        => await One($"SELECT {Select} FROM users WHERE invite_token = @inviteToken", new { inviteToken });

    public async Task<bool> VanityNameTakenAsync(string vanityName, string? exceptUserId)
        => await db.Scalar<long>(
            "SELECT COUNT(*) FROM users WHERE vanity_key = @key AND (@exceptUserId IS NULL OR id <> @exceptUserId)",
            new { key = vanityName.ToLowerInvariant(), exceptUserId }) > 0;

    public async Task<bool> PmiTakenAsync(long pmi, string? exceptUserId)
        => await db.Scalar<long>(
            "SELECT COUNT(*) FROM users WHERE pmi = @pmi AND (@exceptUserId IS NULL OR id <> @exceptUserId)", new { pmi, exceptUserId }) > 0;

    public async Task InsertUserAsync(User u)
    {
        try
        {
            u.Seq = await db.Scalar<long>(InsertSql, UserTable.Columns.ArgsOf(u));
        }
        catch (DbException e) when (UniqueConflictOf(e, u) is { } conflict)
        {
            throw conflict;
        }
        await Count(CountKey.Of(u), +1); // sent with the event where writes are batched
    }

    static readonly string InsertSql = UserTable.Columns.Insert + " RETURNING seq";

    /// <summary>The bulk path for seeding and imports: the dialect's (PostgreSQL: binary COPY; SQLite: one prepared insert).</summary>
    public async Task InsertUsersAsync(IReadOnlyList<User> users)
    {
        try
        {
            await db.Dialect.BulkInsertAsync(db, UserTable.Columns.Table, UserTable.Columns.Written, users.Select(UserTable.Columns.ValuesOf));
            foreach (var g in users.GroupBy(CountKey.Of))
                await Count(g.Key, g.Count());
        }
        catch (DbException e) when (db.Dialect.IsUniqueViolation(e, "email"))
        {
            throw new UniqueKeyConflict("email", "");
        }
    }

    public async Task<IReadOnlyList<long>> AllPmisAsync() => await db.Many<long>("SELECT pmi FROM users");

    public async Task UpdateUserAsync(User u)
    {
        var before = await HeldKeyOf(u.Id);
        if (before is not null && before != CountKey.Of(u))
        {
            await Count(before, -1);
            await Count(CountKey.Of(u), +1);
        }
        // by key, its result unread: sent with the writes after it where writes are batched (a taken e-mail, personal
        // link or PMI then fails the write there, as the same fact)
        await db.Later(UserTable.Columns.Update, UserTable.Columns.ArgsOf(u), e => UniqueConflictOf(e, u));
        if (before is not null) Hold(u.Id, CountKey.Of(u)); // the update holds the row from here to the end
    }

    /// <summary>The unique key of <paramref name="u"/> another row holds, if that is why the database refused its row.</summary>
    UniqueKeyConflict? UniqueConflictOf(DbException e, User u)
        => db.Dialect.IsUniqueViolation(e, "email") ? new UniqueKeyConflict("email", u.Email)
            : db.Dialect.IsUniqueViolation(e, "vanity_key") ? new UniqueKeyConflict("vanity_name", u.VanityName ?? "")
            : db.Dialect.IsUniqueViolation(e, "pmi") ? new UniqueKeyConflict("pmi", u.Pmi.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;

    public async Task DeleteUserAsync(string id)
    {
        if (await HeldKeyOf(id) is { } key) await Count(key, -1);
        _held?.Remove(id);
        await db.Exec("DELETE FROM assistants WHERE user_id = @id OR assistant_id = @id", new { id });
        await db.Exec("DELETE FROM user_settings WHERE user_id = @id", new { id });
        await db.Exec("DELETE FROM email_changes WHERE user_id = @id", new { id });
        await db.Exec("DELETE FROM pictures WHERE user_id = @id", new { id });
        await db.Exec("DELETE FROM users WHERE id = @id", new { id });
    }

    public async Task<IReadOnlyList<UserTally>> TallyUsersAsync(string accountId)
        => await db.Many<UserTally>(
            "SELECT status, type, CAST(SUM(n) AS BIGINT) AS n FROM user_counts WHERE account_id = @accountId GROUP BY status, type", new { accountId });

    /// <summary>The list's condition: account and status, and the role and the settings flag when given.</summary>
    string ListWhere(string? roleId, string? featureFlag)
    {
        var where = "account_id = @accountId AND status = @status";
        if (roleId is not null) where = "account_id = @accountId AND role_id = @roleId AND status = @status";
        if (featureFlag is null) return where;
        // the flag is one of the domain's licence names; checked again here because it becomes part of the SQL text
        if (!featureFlag.All(c => c is >= 'a' and <= 'z' or '_')) throw new ArgumentException("not a settings leaf", nameof(featureFlag));
        return where + $" AND id IN (SELECT user_id FROM user_settings WHERE {db.Dialect.JsonIsTrue("doc", "feature", featureFlag)})";
    }

    public async Task<int> CountUsersAsync(string accountId, string status, string? roleId, string? featureFlag = null)
        => (int)await db.Scalar<long>(
            featureFlag is not null ? $"SELECT COUNT(*) FROM users WHERE {ListWhere(roleId, featureFlag)}"
            : roleId is null
                ? "SELECT COALESCE(SUM(n), 0) FROM user_counts WHERE account_id = @accountId AND status = @status"
                : "SELECT COALESCE(SUM(n), 0) FROM user_counts WHERE account_id = @accountId AND role_id = @roleId AND status = @status",
            new { accountId, status, roleId });

    public async Task<IReadOnlyList<User>> ListUsersAsync(string accountId, string status, string? roleId, long afterSeq, int limit, string? featureFlag = null)
        => await Many(
            $"SELECT {Select} FROM users WHERE {ListWhere(roleId, featureFlag)} AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { accountId, status, roleId, afterSeq, limit }, limit);

    public async Task<IReadOnlyList<UserListItem>> ListUserItemsAsync(string accountId, string status, string? roleId, long afterSeq, int offset, int limit, string? featureFlag = null)
    {
        var sql = $"SELECT {UserTable.ListItemColumns} FROM users WHERE {ListWhere(roleId, featureFlag)} AND seq > @afterSeq ORDER BY seq LIMIT @limit OFFSET @offset";
        var args = new { accountId, status, roleId, afterSeq, limit, offset };
        return await db.Read(sql, args, r => UserTable.ReadListItem(r, db.Dialect), Math.Min(limit, 1000));
    }

    public async Task<IReadOnlyList<User>> BrowseUsersAsync(string accountId, string status, int? type, string? roleId, string? prefix, long afterSeq, int limit)
    {
        var where = "account_id = @accountId AND status = @status AND seq > @afterSeq";
        if (type is not null) where += " AND type = @type";
        if (roleId is not null) where += " AND role_id = @roleId";
        string? high = null;
        int length = 0;
        if (prefix is not null)
        {
            // Each of the three fields has its own index, read as a range from the prefix up to the prefix followed by the
            // highest character; the exact starts-with test then keeps only true matches whatever collation the database
            // compares with. A search that few users match collects them from the indexes (it costs what it matches); one
            // that many match walks the list in order and stops at the page's end (it costs the page). Which is which is
            // told by counting at most db.Dialect.Tuning.BrowseCandidates index entries (collecting 100,000 costs about 100 ms).
            high = prefix + '\uffff';
            length = prefix.Length;
            string First(string expr) => $"substr({expr}, 1, @length) = @prefix";
            string Range(string expr) => $"{expr} >= @prefix AND {expr} < @high";
            var first = $"lower({db.Dialect.JsonText("profile", "first_name")})";
            var last = $"lower({db.Dialect.JsonText("profile", "last_name")})";
            // (the e-mail's range alone: with the account there too, SQLite prefers an account-wide index over it)
            string[] ranges = [$"SELECT seq FROM users WHERE {Range("email")}", $"SELECT seq FROM users WHERE account_id = @accountId AND {Range(first)}",
                $"SELECT seq FROM users WHERE account_id = @accountId AND {Range(last)}"];
            var candidates = await db.Scalar<long>(
                "SELECT " + string.Join(" + ", ranges.Select(r => $"(SELECT COUNT(*) FROM ({r} LIMIT {db.Dialect.Tuning.BrowseCandidates + 1}) AS c)")),
                new { accountId, prefix, high });
            if (candidates <= db.Dialect.Tuning.BrowseCandidates) where += $" AND seq IN ({string.Join(" UNION ALL ", ranges)})";
            where += $" AND ({First("email")} OR {First(first)} OR {First(last)})";
        }
        return await Many($"SELECT {Select} FROM users WHERE {where} ORDER BY seq LIMIT @limit",
            new { accountId, status, type = (long?)type, roleId, prefix, high, length, afterSeq, limit }, limit);
    }

    public async Task<int> CountSeatHoldersAsync(string accountId, string? exceptUserId)
        => (int)await db.Scalar<long>(
            """
            SELECT COUNT(*) FROM users
            WHERE account_id = @accountId AND type IN (2, 3) AND status IN ('active', 'pending') AND (@exceptUserId IS NULL OR id <> @exceptUserId)
            """, new { accountId, exceptUserId });
}
