using Roster.Domain.Abstractions;
using Roster.Domain.Groups;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>
/// Groups, their members and admins. A group's member count is a column moved in the same transaction as every
/// membership written here, so a list's total costs one row; a page of members is a range of the
/// <c>(group_id, seq)</c> index, so page 3,000 of a 100,000-member group costs what page 1 does.
/// </summary>
internal sealed class GroupStore(SqlRunner db, SessionLocks locks) : IGroupStore
{
    static readonly string Select = GroupTable.Columns.Select;
    static readonly string ById = $"SELECT {Select} FROM groups WHERE id = @id";

    async Task<Group?> One(string sql, object args)
        => (await db.Read(sql, args, GroupTable.Read, 1)) is [var g] ? g : null;

    public Task<Group?> GetGroupAsync(string id) => One(ById, new { id });

    public async Task<Group?> LockGroupAsync(string id)
    {
        await locks.QueueFor("group:" + id);
        return await One($"{ById} {db.Dialect.ForUpdate}", new { id });
    }

    UniqueKeyConflict? NameConflict(DbException e, Group g)
        => db.Dialect.IsUniqueViolation(e, "name_key") ? new UniqueKeyConflict("group_name", g.Name) : null;

    public async Task InsertGroupAsync(Group g)
    {
        try
        {
            g.Seq = await db.Scalar<long>(GroupTable.Columns.Insert + " RETURNING seq", GroupTable.Columns.ArgsOf(g));
        }
        catch (DbException e) when (NameConflict(e, g) is { } conflict)
        {
            throw conflict;
        }
    }

    public async Task UpdateGroupAsync(Group g)
    {
        try
        {
            await db.Exec(GroupTable.Columns.Update, GroupTable.Columns.ArgsOf(g));
        }
        catch (DbException e) when (NameConflict(e, g) is { } conflict)
        {
            throw conflict;
        }
    }

    public async Task DeleteGroupAsync(string id)
    {
        await db.Exec("DELETE FROM group_members WHERE group_id = @id", new { id });
        await db.Exec("DELETE FROM group_admins WHERE group_id = @id", new { id });
        await db.Exec("DELETE FROM group_settings WHERE group_id = @id", new { id });
        await db.Exec("DELETE FROM groups WHERE id = @id", new { id });
    }

    public async Task<int> CountGroupsAsync(string accountId)
        => (int)await db.Scalar<long>("SELECT COUNT(*) FROM groups WHERE account_id = @accountId", new { accountId });

    public async Task<IReadOnlyList<Group>> ListGroupsAsync(string accountId, long afterSeq, int limit)
        => await db.Read($"SELECT {Select} FROM groups WHERE account_id = @accountId AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { accountId, afterSeq, limit }, GroupTable.Read, Math.Min(limit, 1000));

    string Names(string alias) => $"COALESCE({db.Dialect.JsonText(alias + ".profile", "first_name")}, ''), COALESCE({db.Dialect.JsonText(alias + ".profile", "last_name")}, '')";

    // the page's rows are taken from the (group_id, seq) index first and only then joined to their users: without that
    // PostgreSQL planned page 1 as a hash join over every user (900 ms at 100,000 members); the first page says no
    // "seq > 0", which the planner takes to match every member
    string MembersPage(bool first) => $"""
        SELECT m.seq, u.id, u.email, {Names("u")}, u.type
        FROM (SELECT seq, user_id FROM group_members WHERE group_id = @groupId{(first ? "" : " AND seq > @afterSeq")} ORDER BY seq LIMIT @limit) m
        JOIN users u ON u.id = m.user_id ORDER BY m.seq
        """;

    public async Task<IReadOnlyList<GroupMember>> ListGroupMembersAsync(string groupId, long afterSeq, int limit)
        => await db.Read(MembersPage(afterSeq == 0),
            new { groupId, afterSeq, limit },
            static r => new GroupMember(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), (int)r.GetInt64(5)),
            Math.Min(limit, 1000));

    public async Task<IReadOnlyList<(long Seq, string UserId)>> ListGroupMemberIdsAsync(string groupId, long afterSeq, int limit)
        => await db.Read("SELECT seq, user_id FROM group_members WHERE group_id = @groupId AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { groupId, afterSeq, limit }, static r => (r.GetInt64(0), r.GetString(1)), Math.Min(limit, 1000));

    public async Task<bool> IsGroupMemberAsync(string groupId, string userId)
        => await db.Scalar<long>("SELECT COUNT(*) FROM group_members WHERE group_id = @groupId AND user_id = @userId", new { groupId, userId }) > 0;

    Task MoveTotal(string groupId, long delta)
        => db.Exec("UPDATE groups SET total_members = total_members + @delta WHERE id = @groupId", new { groupId, delta });

    static readonly string[] MemberColumns = ["group_id", "user_id", "added_at"];

    public async Task AddGroupMembersAsync(string groupId, IReadOnlyList<string> userIds, DateTimeOffset at)
    {
        if (userIds.Count == 0) return;
        var ms = Ms(at);
        await db.Dialect.BulkInsertAsync(db, "group_members", MemberColumns, userIds.Select(u => new object?[] { groupId, u, ms }));
        await MoveTotal(groupId, userIds.Count);
    }

    public async Task<bool> RemoveGroupMemberAsync(string groupId, string userId)
    {
        if (await db.Exec("DELETE FROM group_members WHERE group_id = @groupId AND user_id = @userId", new { groupId, userId }) == 0) return false;
        await MoveTotal(groupId, -1);
        return true;
    }

    public async Task RemoveUserFromGroupsAsync(string userId)
    {
        await db.Exec("UPDATE groups SET total_members = total_members - 1 WHERE id IN (SELECT group_id FROM group_members WHERE user_id = @userId)", new { userId });
        await db.Exec("DELETE FROM group_members WHERE user_id = @userId", new { userId });
        await db.Exec("DELETE FROM group_admins WHERE user_id = @userId", new { userId });
    }

    public async Task<IReadOnlyList<GroupAdmin>> ListGroupAdminsAsync(string groupId, long afterSeq, int limit)
        => await db.Read(
            $"""
            SELECT a.seq, u.id, u.email, {Names("u")}
            FROM (SELECT seq, user_id FROM group_admins WHERE group_id = @groupId AND seq > @afterSeq ORDER BY seq LIMIT @limit) a
            JOIN users u ON u.id = a.user_id ORDER BY a.seq
            """,
            new { groupId, afterSeq, limit },
            static r => new GroupAdmin(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)),
            Math.Min(limit, 1000));

    public async Task<int> CountGroupAdminsAsync(string groupId)
        => (int)await db.Scalar<long>("SELECT COUNT(*) FROM group_admins WHERE group_id = @groupId", new { groupId });

    public async Task<bool> IsGroupAdminAsync(string groupId, string userId)
        => await db.Scalar<long>("SELECT COUNT(*) FROM group_admins WHERE group_id = @groupId AND user_id = @userId", new { groupId, userId }) > 0;

    public Task AddGroupAdminAsync(string groupId, string userId, DateTimeOffset at)
        => db.Exec("INSERT INTO group_admins (group_id, user_id, added_at) VALUES (@groupId, @userId, @at)", new { groupId, userId, at = Ms(at) });

    public async Task<bool> RemoveGroupAdminAsync(string groupId, string userId)
        => await db.Exec("DELETE FROM group_admins WHERE group_id = @groupId AND user_id = @userId", new { groupId, userId }) > 0;
}
