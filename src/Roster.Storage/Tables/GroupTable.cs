using Roster.Domain.Groups;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>The <c>groups</c> table's columns, listed once (see <see cref="ColumnTable{T}"/>), and a row read back in their order.</summary>
internal static class GroupTable
{
    public static readonly ColumnTable<Group> Columns = new("groups", "id",
        new("seq", null),
        new("id", g => g.Id, Updated: false),
        new("account_id", g => g.AccountId, Updated: false),
        new("name", g => g.Name),
        new("name_key", g => NameKey(g.Name), Selected: false), // the case-blind unique index's
        new("in_directory", g => g.InDirectory is { } d ? (d ? 1L : 0L) : null),
        new("directory_privacy", g => (long?)g.DirectoryPrivacy),
        new("total_members", g => g.TotalMembers, Updated: false), // moved by membership writes only
        new("created_at", g => Ms(g.CreatedAt), Updated: false));

    /// <summary>What the unique index compares: names are unique per account whatever their case.</summary>
    public static string NameKey(string name) => name.ToLowerInvariant();

    public static Group Read(DbDataReader r)
    {
        var c = new RowCursor(r);
        var seq = c.Long();
        var id = c.Text();
        var account = c.Text();
        var name = c.Text();
        bool? inDirectory = r.IsDBNull(4) ? null : r.GetInt64(4) != 0;
        c.Next();
        int? privacy = r.IsDBNull(5) ? null : (int)r.GetInt64(5);
        c.Next();
        return new Group
        {
            Seq = seq, Id = id, AccountId = account, Name = name, InDirectory = inDirectory, DirectoryPrivacy = privacy,
            TotalMembers = c.Long(), CreatedAt = c.Time(),
        };
    }
}
