using Roster.Domain.Abstractions;
using Roster.Domain.Settings;

namespace Roster.Storage;

/// <summary>
/// Groups' settings documents (<c>group_settings</c>), and the one statement a member's settings are read by: the
/// user's own row (by its key) and its groups' rows (its memberships by the <c>(user_id, group_id)</c> index, each
/// group's row by its key), so a member of any number of groups costs one round trip.
/// </summary>
internal sealed class GroupSettingsStore(SqlRunner db) : IGroupSettingsStore
{
    public async Task<GroupSettingsRow?> GetGroupSettingsAsync(string groupId)
        => (await db.Read("SELECT group_id, doc, locks, registration FROM group_settings WHERE group_id = @groupId", new { groupId },
            static r => new GroupSettingsRow(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)), 1)) is [var row] ? row : null;

    Task Save(string column, string groupId, string json)
        => db.Later($"INSERT INTO group_settings (group_id, {column}) VALUES (@groupId, @json) ON CONFLICT (group_id) DO UPDATE SET {column} = excluded.{column}", new { groupId, json });

    public Task SaveGroupSettingsAsync(string groupId, string json) => Save("doc", groupId, json);
    public Task SaveGroupLocksAsync(string groupId, string json) => Save("locks", groupId, json);
    public Task SaveGroupRegistrationAsync(string groupId, string json) => Save("registration", groupId, json);

    const string Layers = """
        SELECT '' AS group_id, doc, '' AS locks FROM user_settings WHERE user_id = @userId
        UNION ALL
        SELECT g.group_id, g.doc, g.locks FROM group_members m JOIN group_settings g ON g.group_id = m.group_id WHERE m.user_id = @userId
        """;

    public async Task<SettingsLayers> GetSettingsLayersAsync(string userId)
    {
        var rows = await db.Read(Layers, new { userId }, static r => new GroupSettingsRow(r.GetString(0), r.GetString(1), r.GetString(2), null));
        string? user = null;
        var groups = new List<GroupSettingsRow>(rows.Count);
        foreach (var row in rows)
            if (row.GroupId.Length == 0) user = row.Doc;
            else groups.Add(row);
        return new SettingsLayers(user, groups);
    }
}
