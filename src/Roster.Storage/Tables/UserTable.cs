using Roster.Domain.Users;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>
/// The <c>users</c> table, its columns listed once: the select list, insert, update, bulk insert and COPY are built
/// from <see cref="Columns"/>, and <see cref="Read"/> reads a selected row by position in the same order.
/// Adding a column: one migration, one line here, one in <see cref="Read"/>.
/// </summary>
internal static class UserTable
{
    public static readonly ColumnTable<User> Columns = new("users", "id",
        new("seq", null),
        new("id", u => u.Id, Updated: false),
        new("account_id", u => u.AccountId),
        new("email", u => u.Email),
        new("type", u => (long)u.Type),
        new("status", u => u.Status),
        new("role_id", u => u.RoleId),
        new("login_type", u => (long)u.LoginType),
        new("pmi", u => u.Pmi),
        new("use_pmi", u => u.UsePmi ? 1L : 0L),
        new("vanity_name", u => u.VanityName),
        new("vanity_key", u => u.VanityName?.ToLowerInvariant(), Selected: false), // the case-blind unique index's
        new("created_at", u => Ms(u.CreatedAt), Updated: false),
        new("last_login_time", u => Ms(u.LastLoginTime)),
        new("verified", u => u.Verified ? 1L : 0L),
        new("pic_id", u => u.PicId),
        new("password_hash", u => u.PasswordHash),
        new("password_history", u => JsonSerializer.Serialize(u.PasswordHistory, StorageJson.Default.ListString)),
        new("invite_token", u => u.InviteToken),
        new("invite_expires_at", u => Ms(u.InviteExpiresAt)),
        new("tokens_revoked_at", u => Ms(u.TokensRevokedAt)),
        new("profile", u => JsonSerializer.Serialize(u.Profile, StorageJson.Default.UserProfile)));

    /// <summary>A row of <see cref="ColumnTable{T}.Select"/> read by position with typed getters (no boxed values, no lookups by name).</summary>
    public static User Read(DbDataReader r, ISqlDialect dialect)
    {
        var c = new RowCursor(r);
        var user = new User
        {
            Seq = c.Long(), Id = c.Text(), AccountId = c.Text(), Email = c.Text(), Type = (int)c.Long(), Status = c.Text(), RoleId = c.Text(),
            LoginType = (int)c.Long(), Pmi = c.Long(), UsePmi = c.Long() != 0, VanityName = c.TextOrNull(), CreatedAt = c.Time(),
            LastLoginTime = c.TimeOrNull(), Verified = c.Long() != 0, PicId = c.TextOrNull(), PasswordHash = c.TextOrNull(),
        };
        var history = c.Text();
        // most users have no earlier passwords: the empty list needs no parser
        if (history != "[]") user.PasswordHistory = JsonSerializer.Deserialize(history, StorageJson.Default.ListString) ?? [];
        user.InviteToken = c.TextOrNull();
        user.InviteExpiresAt = c.TimeOrNull();
        user.TokensRevokedAt = c.TimeOrNull();
        user.Profile = dialect.ReadJson(r, c.Next(), StorageJson.Default.UserProfile) ?? new UserProfile();
        return user;
    }

    /// <summary>The columns of a <see cref="UserListItem"/>, in the order <see cref="ReadListItem"/> reads them.</summary>
    public const string ListItemColumns = "seq, id, email, type, status, role_id, login_type, pmi, created_at, last_login_time, verified, pic_id, profile";

    /// <summary>One row of <see cref="ListItemColumns"/> read by position, straight into the item (no row object, no boxed values).</summary>
    public static UserListItem ReadListItem(DbDataReader r, ISqlDialect dialect)
    {
        var c = new RowCursor(r);
        return new()
        {
            Seq = c.Long(), Id = c.Text(), Email = c.Text(), Type = (int)c.Long(), Status = c.Text(), RoleId = c.Text(), LoginType = (int)c.Long(),
            Pmi = c.Long(), CreatedAt = c.Time(), LastLoginTime = c.TimeOrNull(), Verified = c.Long() != 0, PicId = c.TextOrNull(),
            Profile = dialect.ReadJson(r, c.Next(), StorageJson.Default.UserProfile) ?? new UserProfile(),
        };
    }
}
