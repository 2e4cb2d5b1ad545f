using Roster.Domain.Abstractions;
using Roster.Domain.AccountRoles;
using Roster.Domain.Users;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>Roles of accounts (<c>roles</c>); their members are users (<c>users.role_id</c>), counted by the users' kept totals.</summary>
internal sealed class RoleStore(SqlRunner db) : IRoleStore
{
    sealed class RoleRow
    {
        public long Seq { get; set; }
        public string AccountId { get; set; } = "";
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public string Type { get; set; } = "";
        public string Privileges { get; set; } = "";
        public long? SubAccountLevel { get; set; }
        public long CreatedAt { get; set; }

        public Role ToRole() => new()
        {
            Seq = Seq, AccountId = AccountId, Id = Id, Name = Name, Description = Description, Type = Type,
            Privileges = Privileges.Split(' ', StringSplitOptions.RemoveEmptyEntries), SubAccountLevel = (int?)SubAccountLevel, CreatedAt = At(CreatedAt),
        };
    }

    const string Columns = "seq, account_id, id, name, description, type, privileges, sub_account_level, created_at";

    static object Args(Role r) => new
    {
        r.AccountId, r.Id, r.Name, NameKey = r.Name.ToLowerInvariant(), r.Description, r.Type, Privileges = string.Join(' ', r.Privileges),
        SubAccountLevel = (long?)r.SubAccountLevel, CreatedAt = Ms(r.CreatedAt),
    };

    public async Task<Role?> GetRoleAsync(string accountId, string id)
        => (await db.One<RoleRow>($"SELECT {Columns} FROM roles WHERE account_id = @accountId AND id = @id", new { accountId, id }))?.ToRole();

    public async Task<IReadOnlyList<Role>> ListRolesAsync(string accountId)
        => (await db.Many<RoleRow>($"SELECT {Columns} FROM roles WHERE account_id = @accountId ORDER BY seq", new { accountId })).Select(r => r.ToRole()).ToList();

    public async Task InsertRoleAsync(Role role)
    {
        try
        {
            role.Seq = await db.Scalar<long>("""
                INSERT INTO roles (account_id, id, name, name_key, description, type, privileges, sub_account_level, created_at)
                VALUES (@AccountId, @Id, @Name, @NameKey, @Description, @Type, @Privileges, @SubAccountLevel, @CreatedAt) RETURNING seq
                """, Args(role));
        }
        catch (DbException e) when (db.Dialect.IsUniqueViolation(e, "name_key"))
        {
            throw new UniqueKeyConflict("role_name", role.Name);
        }
    }

    public async Task UpdateRoleAsync(Role role)
    {
        try
        {
            await db.Exec("""
                UPDATE roles SET name = @Name, name_key = @NameKey, description = @Description, privileges = @Privileges, sub_account_level = @SubAccountLevel
                WHERE account_id = @AccountId AND id = @Id
                """, Args(role));
        }
        catch (DbException e) when (db.Dialect.IsUniqueViolation(e, "name_key"))
        {
            throw new UniqueKeyConflict("role_name", role.Name);
        }
    }

    public async Task<bool> DeleteRoleAsync(string accountId, string id)
        => await db.Exec("DELETE FROM roles WHERE account_id = @accountId AND id = @id", new { accountId, id }) > 0;

    sealed record RoleCount(string RoleId, long N);

    public async Task<IReadOnlyDictionary<string, long>> CountRoleMembersAsync(string accountId)
        => (await db.Many<RoleCount>("SELECT role_id, CAST(SUM(n) AS BIGINT) AS n FROM user_counts WHERE account_id = @accountId GROUP BY role_id", new { accountId }))
            .Where(c => c.N > 0).ToDictionary(c => c.RoleId, c => c.N, StringComparer.Ordinal);

    static readonly string MembersSql = $"""
        SELECT {UserTable.Columns.Select} FROM users WHERE account_id = @accountId AND role_id = @roleId AND seq > @afterSeq
        ORDER BY seq LIMIT @limit OFFSET @offset
        """;

    public async Task<IReadOnlyList<User>> ListRoleMembersAsync(string accountId, string roleId, long afterSeq, int offset, int limit)
        => await db.Read(MembersSql, new { accountId, roleId, afterSeq, limit, offset }, r => UserTable.Read(r, db.Dialect), Math.Min(limit, 1000));
}
