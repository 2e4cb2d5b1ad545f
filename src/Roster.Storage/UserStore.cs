using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>Users and their list totals.</summary>
internal sealed class UserStore(SqlRunner db, int countShards, SessionLocks locks) : IUserStore
{
    internal sealed class UserRow
    {
        public long Seq { get; set; }
        public string Id { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string Email { get; set; } = "";
        public long Type { get; set; }
        public string Status { get; set; } = "";
        public string RoleId { get; set; } = "";
        public long LoginType { get; set; }
        public long Pmi { get; set; }
        public long UsePmi { get; set; }
        public string? VanityName { get; set; }
        public long CreatedAt { get; set; }
        public long? LastLoginTime { get; set; }
        public long Verified { get; set; }
        public string? PicId { get; set; }
        public string? PasswordHash { get; set; }
        public string PasswordHistory { get; set; } = "[]";
        public string? InviteToken { get; set; }
        public long? InviteExpiresAt { get; set; }
        public long? TokensRevokedAt { get; set; }
        public string Profile { get; set; } = "{}";

        /// <summary>
        /// A row of <see cref="UserColumns"/> read by position with typed getters (no boxed values, no per-column
        /// lookups), for kept statements; null when the reader's columns are not those (Dapper then maps it).
        /// </summary>
        public static Func<DbDataReader, object>? ReaderFor(DbDataReader r)
            => r.FieldCount == ColumnNames.Length && ColumnNames.Select((name, i) => r.GetName(i) == name).All(x => x) ? Read : null;

        static readonly string[] ColumnNames = UserColumns.Split(", ");

        static UserRow Read(DbDataReader r)
        {
            var row = new UserRow
            {
                Seq = r.GetInt64(0), Id = r.GetString(1), AccountId = r.GetString(2), Email = r.GetString(3), Type = r.GetInt64(4),
                Status = r.GetString(5), RoleId = r.GetString(6), LoginType = r.GetInt64(7), Pmi = r.GetInt64(8), UsePmi = r.GetInt64(9),
                VanityName = r.IsDBNull(10) ? null : r.GetString(10), CreatedAt = r.GetInt64(11), LastLoginTime = r.IsDBNull(12) ? null : r.GetInt64(12),
                Verified = r.GetInt64(13), PicId = r.IsDBNull(14) ? null : r.GetString(14), PasswordHash = r.IsDBNull(15) ? null : r.GetString(15),
                InviteToken = r.IsDBNull(17) ? null : r.GetString(17),
                InviteExpiresAt = r.IsDBNull(18) ? null : r.GetInt64(18), TokensRevokedAt = r.IsDBNull(19) ? null : r.GetInt64(19),
            };
            var history = r.GetString(16);
            if (history != "[]") row.PasswordHistory = history;
            row.ParsedProfile = JsonSerializer.Deserialize(r.GetFieldValue<byte[]>(20), StorageJson.Default.UserProfile) ?? new UserProfile();
            return row;
        }

        /// <summary>The profile parsed from the row's UTF-8 bytes by <see cref="Read"/> (kept statements); rows Dapper maps carry <see cref="Profile"/> as text instead.</summary>
        UserProfile? ParsedProfile { get; set; }

        public User ToUser()
        {
            var user = new User
            {
                Seq = Seq, Id = Id, AccountId = AccountId, Email = Email, Type = (int)Type, Status = Status, RoleId = RoleId,
                LoginType = (int)LoginType, Pmi = Pmi, UsePmi = UsePmi != 0, VanityName = VanityName, CreatedAt = At(CreatedAt),
                LastLoginTime = LastLoginTime is { } l ? At(l) : null, Verified = Verified != 0, PicId = PicId, PasswordHash = PasswordHash,
                InviteToken = InviteToken, InviteExpiresAt = InviteExpiresAt is { } i ? At(i) : null,
                TokensRevokedAt = TokensRevokedAt is { } r ? At(r) : null,
                Profile = ParsedProfile ?? JsonSerializer.Deserialize(Profile, StorageJson.Default.UserProfile) ?? new UserProfile(),
            };
            // most users have no earlier passwords: the empty list needs no parser (and is made only if asked for)
            if (PasswordHistory != "[]") user.PasswordHistory = JsonSerializer.Deserialize(PasswordHistory, StorageJson.Default.ListString) ?? [];
            return user;
        }
    }

    const string UserColumns =
        "seq, id, account_id, email, type, status, role_id, login_type, pmi, use_pmi, vanity_name, created_at, last_login_time, verified, pic_id, " +
        "password_hash, password_history, invite_token, invite_expires_at, tokens_revoked_at, profile";

    static object UserArgs(User u) => new
    {
        u.Id, u.AccountId, u.Email, u.Type, u.Status, u.RoleId, u.LoginType, u.Pmi, UsePmi = u.UsePmi ? 1 : 0, u.VanityName,
        VanityKey = u.VanityName?.ToLowerInvariant(), CreatedAt = Ms(u.CreatedAt), LastLoginTime = Ms(u.LastLoginTime),
        Verified = u.Verified ? 1 : 0, u.PicId, u.PasswordHash,
        PasswordHistory = JsonSerializer.Serialize(u.PasswordHistory, StorageJson.Default.ListString),
        u.InviteToken, InviteExpiresAt = Ms(u.InviteExpiresAt), TokensRevokedAt = Ms(u.TokensRevokedAt),
        Profile = JsonSerializer.Serialize(u.Profile, StorageJson.Default.UserProfile),
    };

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
        var user = (await db.One<UserRow>($"SELECT {UserColumns} FROM users WHERE id = @id {db.Dialect.ForUpdate}", new { id }))?.ToUser();
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
        => (await db.One<UserRow>($"SELECT {UserColumns} FROM users WHERE id = @id", new { id }))?.ToUser();

    public async Task<IReadOnlyList<User>> GetUsersByEmployeeUniqueIdAsync(string accountId, string employeeUniqueId)
        => (await db.Many<UserRow>($"SELECT {UserColumns} FROM users WHERE account_id = @accountId AND {db.Dialect.JsonText("profile", "employee_unique_id")} = @employeeUniqueId LIMIT 2",
            new { accountId, employeeUniqueId })).Select(r => r.ToUser()).ToList();

    public async Task<User?> GetUserByEmailAsync(string email)
        => (await db.One<UserRow>($"SELECT {UserColumns} FROM users WHERE email = @email", new { email }))?.ToUser();

    public async Task<User?> GetUserByInviteTokenAsync(string inviteToken)
        => (await db.One<UserRow>($"SELECT {UserColumns} FROM users WHERE invite_token = @inviteToken", new { inviteToken }))?.ToUser();

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
            const string insert =
                """
                INSERT INTO users (id, account_id, email, type, status, role_id, login_type, pmi, use_pmi, vanity_name, vanity_key, created_at,
                    last_login_time, verified, pic_id, password_hash, password_history, invite_token, invite_expires_at, tokens_revoked_at, profile)
                VALUES (@Id, @AccountId, @Email, @Type, @Status, @RoleId, @LoginType, @Pmi, @UsePmi, @VanityName, @VanityKey, @CreatedAt,
                    @LastLoginTime, @Verified, @PicId, @PasswordHash, @PasswordHistory, @InviteToken, @InviteExpiresAt, @TokensRevokedAt, @Profile)
                RETURNING seq
                """;
            u.Seq = await db.Scalar<long>(insert, UserArgs(u));
        }
        catch (DbException e) when (UniqueConflictOf(e, u) is { } conflict)
        {
            throw conflict;
        }
        await Count(CountKey.Of(u), +1); // sent with the event where writes are batched
    }

    static readonly string[] UserInsertColumns =
    [
        "id", "account_id", "email", "type", "status", "role_id", "login_type", "pmi", "use_pmi", "vanity_name", "vanity_key", "created_at",
        "last_login_time", "verified", "pic_id", "password_hash", "password_history", "invite_token", "invite_expires_at", "tokens_revoked_at", "profile",
    ];

    /// <summary>One prepared command, its parameters reused for every row: the bulk path for seeding and imports.</summary>
    public async Task InsertUsersAsync(IReadOnlyList<User> users)
    {
        if (db.Connection is Npgsql.NpgsqlConnection pg)
        {
            await CopyUsersAsync(pg, users);
            return;
        }
        await using var cmd = (await db.Next()).CreateCommand();
        cmd.Transaction = db.Transaction;
        cmd.CommandText = $"INSERT INTO users ({string.Join(", ", UserInsertColumns)}) VALUES ({string.Join(", ", UserInsertColumns.Select(c => "@" + c))})";
        var p = UserInsertColumns.Select(c =>
        {
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = c;
            cmd.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        static object Db(object? v) => v ?? DBNull.Value;
        try
        {
            foreach (var u in users)
            {
                p[0].Value = u.Id; p[1].Value = u.AccountId; p[2].Value = u.Email; p[3].Value = (long)u.Type; p[4].Value = u.Status;
                p[5].Value = u.RoleId; p[6].Value = (long)u.LoginType; p[7].Value = u.Pmi; p[8].Value = u.UsePmi ? 1L : 0L;
                p[9].Value = Db(u.VanityName); p[10].Value = Db(u.VanityName?.ToLowerInvariant()); p[11].Value = Ms(u.CreatedAt);
                p[12].Value = Db(Ms(u.LastLoginTime)); p[13].Value = u.Verified ? 1L : 0L; p[14].Value = Db(u.PicId); p[15].Value = Db(u.PasswordHash);
                p[16].Value = JsonSerializer.Serialize(u.PasswordHistory, StorageJson.Default.ListString); p[17].Value = Db(u.InviteToken);
                p[18].Value = Db(Ms(u.InviteExpiresAt)); p[19].Value = Db(Ms(u.TokensRevokedAt));
                p[20].Value = JsonSerializer.Serialize(u.Profile, StorageJson.Default.UserProfile);
                await cmd.ExecuteNonQueryAsync();
            }
            foreach (var g in users.GroupBy(CountKey.Of))
                await Count(g.Key, g.Count());
        }
        catch (DbException e) when (db.Dialect.IsUniqueViolation(e, "email"))
        {
            throw new UniqueKeyConflict("email", "");
        }
    }

    /// <summary>PostgreSQL's bulk path: binary COPY, one round trip for the whole batch.</summary>
    async Task CopyUsersAsync(Npgsql.NpgsqlConnection pg, IReadOnlyList<User> users)
    {
        try
        {
            await using (var copy = await pg.BeginBinaryImportAsync($"COPY users ({string.Join(", ", UserInsertColumns)}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var u in users)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(u.Id); await copy.WriteAsync(u.AccountId); await copy.WriteAsync(u.Email);
                    await copy.WriteAsync((long)u.Type); await copy.WriteAsync(u.Status); await copy.WriteAsync(u.RoleId);
                    await copy.WriteAsync((long)u.LoginType); await copy.WriteAsync(u.Pmi); await copy.WriteAsync(u.UsePmi ? 1L : 0L);
                    await Nullable(copy, u.VanityName); await Nullable(copy, u.VanityName?.ToLowerInvariant()); await copy.WriteAsync(Ms(u.CreatedAt));
                    await Nullable(copy, Ms(u.LastLoginTime)); await copy.WriteAsync(u.Verified ? 1L : 0L); await Nullable(copy, u.PicId);
                    await Nullable(copy, u.PasswordHash); await copy.WriteAsync(JsonSerializer.Serialize(u.PasswordHistory, StorageJson.Default.ListString));
                    await Nullable(copy, u.InviteToken); await Nullable(copy, Ms(u.InviteExpiresAt)); await Nullable(copy, Ms(u.TokensRevokedAt));
                    await copy.WriteAsync(JsonSerializer.Serialize(u.Profile, StorageJson.Default.UserProfile));
                }
                await copy.CompleteAsync();
            }
            foreach (var g in users.GroupBy(CountKey.Of))
                await Count(g.Key, g.Count());
        }
        catch (DbException e) when (db.Dialect.IsUniqueViolation(e, "email"))
        {
            throw new UniqueKeyConflict("email", "");
        }

        static Task Nullable<T>(Npgsql.NpgsqlBinaryImporter copy, T? value)
            => value is null ? copy.WriteNullAsync() : copy.WriteAsync(value);
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
        await db.Later(
            """
            UPDATE users SET account_id = @AccountId, email = @Email, type = @Type, status = @Status, role_id = @RoleId, login_type = @LoginType,
                pmi = @Pmi, use_pmi = @UsePmi, vanity_name = @VanityName, vanity_key = @VanityKey, last_login_time = @LastLoginTime,
                verified = @Verified, pic_id = @PicId, password_hash = @PasswordHash, password_history = @PasswordHistory,
                invite_token = @InviteToken, invite_expires_at = @InviteExpiresAt, tokens_revoked_at = @TokensRevokedAt, profile = @Profile
            WHERE id = @Id
            """, UserArgs(u), e => UniqueConflictOf(e, u));
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
        => (await db.Many<UserRow>(
            $"SELECT {UserColumns} FROM users WHERE {ListWhere(roleId, featureFlag)} AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { accountId, status, roleId, afterSeq, limit })).Select(r => r.ToUser()).ToList();

    public async Task<IReadOnlyList<UserListItem>> ListUserItemsAsync(string accountId, string status, string? roleId, long afterSeq, int offset, int limit, string? featureFlag = null)
    {
        var sql = $"SELECT {ListItemColumns} FROM users WHERE {ListWhere(roleId, featureFlag)} AND seq > @afterSeq ORDER BY seq LIMIT @limit OFFSET @offset";
        var args = new { accountId, status, roleId, afterSeq, limit, offset };
        return await db.Read(sql, args, ReadListItem, Math.Min(limit, 1000));
    }

    /// <summary>The columns of a <see cref="UserListItem"/>, in the order <see cref="ReadListItem"/> reads them.</summary>
    const string ListItemColumns = "seq, id, email, type, status, role_id, login_type, pmi, created_at, last_login_time, verified, pic_id, profile";

    /// <summary>
    /// One row of <see cref="ListItemColumns"/> read by position with typed getters, straight into the item (no row
    /// object, no boxed values); the profile is parsed from the row's UTF-8 bytes where the engine gives them.
    /// </summary>
    static UserListItem ReadListItem(DbDataReader r) => new()
    {
        Seq = r.GetInt64(0), Id = r.GetString(1), Email = r.GetString(2), Type = (int)r.GetInt64(3), Status = r.GetString(4), RoleId = r.GetString(5),
        LoginType = (int)r.GetInt64(6), Pmi = r.GetInt64(7), CreatedAt = At(r.GetInt64(8)), LastLoginTime = r.IsDBNull(9) ? null : At(r.GetInt64(9)),
        Verified = r.GetInt64(10) != 0, PicId = r.IsDBNull(11) ? null : r.GetString(11),
        Profile = (r is Microsoft.Data.Sqlite.SqliteDataReader
            ? JsonSerializer.Deserialize(r.GetFieldValue<byte[]>(12), StorageJson.Default.UserProfile)
            : JsonSerializer.Deserialize(r.GetString(12), StorageJson.Default.UserProfile)) ?? new UserProfile(),
    };

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
        return (await db.Many<UserRow>($"SELECT {UserColumns} FROM users WHERE {where} ORDER BY seq LIMIT @limit",
            new { accountId, status, type = (long?)type, roleId, prefix, high, length, afterSeq, limit })).Select(r => r.ToUser()).ToList();
    }

    public async Task<int> CountSeatHoldersAsync(string accountId, string? exceptUserId)
        => (int)await db.Scalar<long>(
            """
            SELECT COUNT(*) FROM users
            WHERE account_id = @accountId AND type IN (2, 3) AND status IN ('active', 'pending') AND (@exceptUserId IS NULL OR id <> @exceptUserId)
            """, new { accountId, exceptUserId });
}
