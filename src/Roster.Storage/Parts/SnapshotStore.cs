using Roster.Domain.Abstractions;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>Named copies of the whole state, and per-test accounts removed whole.</summary>
internal sealed class SnapshotStore(SqlRunner db, SessionLocks locks) : ISnapshotStore
{
    /// <summary>The tables that hold the state a snapshot keeps (meta in part: see <c>keptMeta</c>).</summary>
    static readonly string[] StateTables =
        ["accounts", "users", "user_counts", "assistants", "user_settings", "email_changes", "pictures", "oauth_apps", "oauth_grants", "daily_counters", "webhook_subscriptions",
         "groups", "group_members", "group_admins", "group_settings", "roles"];

    /// <summary>What a restore empties without a copy: counts of the moment and the record of changes.</summary>
    static readonly string[] TransientTables = ["rate_windows", "outbox", "webhook_deliveries", "webhook_attempts"];

    sealed class SnapshotRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public long CreatedAt { get; set; }
        public long SchemaVersion { get; set; }
        public long Users { get; set; }
    }

    static Domain.Sandbox.SnapshotInfo Info(SnapshotRow r)
        => new(r.Name, At(r.CreatedAt), r.Users, Restorable: r.SchemaVersion == MigrationScripts.Latest);

    static string Copy(long id, string table) => $"snapshot_{id}_{table}";

    /// <summary>The kept meta keys as SQL literals (PostgreSQL takes no parameters in CREATE TABLE … AS; the keys are Roster's own constants).</summary>
    static string Literals(IReadOnlyCollection<string> keys) => string.Join(", ", keys.Select(k => "'" + k.Replace("'", "''", StringComparison.Ordinal) + "'"));

    async Task DropCopies(long id)
    {
        foreach (var t in StateTables.Append("meta")) await db.ExecWhole($"DROP TABLE IF EXISTS {Copy(id, t)}");
        await db.Exec("DELETE FROM snapshots WHERE id = @id", new { id });
    }

    public async Task<Domain.Sandbox.SnapshotInfo> SaveSnapshotAsync(string name, DateTimeOffset at, IReadOnlyCollection<string> keptMeta)
    {
        await locks.State(StateTables, ["meta"]); // one moment of the whole state, no write half in it
        if (await db.One<SnapshotRow>("SELECT * FROM snapshots WHERE name = @name", new { name }) is { } old) await DropCopies(old.Id);
        var id = await db.One<long>("""
            INSERT INTO snapshots (name, created_at, schema_version, users) VALUES (@name, @at, @version, (SELECT COUNT(*) FROM users)) RETURNING id
            """, new { name, at = Ms(at), version = (long)MigrationScripts.Latest });
        foreach (var t in StateTables) await db.ExecWhole($"CREATE TABLE {Copy(id, t)} AS SELECT * FROM {t}");
        await db.Exec($"CREATE TABLE {Copy(id, "meta")} AS SELECT * FROM meta WHERE key NOT IN ({Literals(keptMeta)})");
        return Info((await db.One<SnapshotRow>("SELECT * FROM snapshots WHERE id = @id", new { id }))!);
    }

    public async Task<Domain.Sandbox.SnapshotInfo?> RestoreSnapshotAsync(string name, IReadOnlyCollection<string> keptMeta)
    {
        var snapshot = await db.One<SnapshotRow>("SELECT * FROM snapshots WHERE name = @name", new { name });
        if (snapshot is null) return null;
        var info = Info(snapshot);
        if (!info.Restorable) throw new Domain.Abstractions.SnapshotOutdated(name);
        await locks.State(StateTables, TransientTables, ["meta"]); // no write lands between emptying and filling
        // children first, parents last when emptying; parents first when filling (no foreign keys today, but cheap order)
        foreach (var t in StateTables.Reverse().Concat(TransientTables)) await db.ExecWhole($"DELETE FROM {t}");
        foreach (var t in StateTables) await db.ExecWhole($"INSERT INTO {t} {db.Dialect.OverridingIdentity} SELECT * FROM {Copy(snapshot.Id, t)}");
        await db.Exec($"DELETE FROM meta WHERE key NOT IN ({Literals(keptMeta)})");
        await db.Exec($"INSERT INTO meta SELECT * FROM {Copy(snapshot.Id, "meta")}");
        return info;
    }

    public async Task<IReadOnlyList<Domain.Sandbox.SnapshotInfo>> ListSnapshotsAsync()
        => (await db.Many<SnapshotRow>("SELECT * FROM snapshots ORDER BY created_at, id")).Select(Info).ToList();

    public async Task<bool> DeleteSnapshotAsync(string name)
    {
        if (await db.One<SnapshotRow>("SELECT * FROM snapshots WHERE name = @name", new { name }) is not { } snapshot) return false;
        await DropCopies(snapshot.Id);
        return true;
    }

    /// <summary>Removes an account, its sub accounts, and everything of theirs; returns the ids removed.</summary>
    public async Task<IReadOnlyList<string>> DeleteAccountTreeAsync(string accountId)
    {
        await locks.State(StateTables, TransientTables); // no user created into an account while it goes
        var ids = new List<string> { accountId };
        for (var i = 0; i < ids.Count; i++)
            ids.AddRange(await db.Many<string>("SELECT id FROM accounts WHERE parent_id = @id", new { id = ids[i] }));
        foreach (var id in ids)
        {
            const string users = "SELECT id FROM users WHERE account_id = @id";
            await db.Exec($"DELETE FROM assistants WHERE user_id IN ({users}) OR assistant_id IN ({users})", new { id });
            foreach (var t in new[] { "group_members", "group_admins", "group_settings" })
                await db.Exec($"DELETE FROM {t} WHERE group_id IN (SELECT id FROM groups WHERE account_id = @id)", new { id });
            foreach (var t in new[] { "user_settings", "email_changes", "pictures" })
                await db.Exec($"DELETE FROM {t} WHERE user_id IN ({users})", new { id });
            foreach (var t in new[] { "groups", "users", "user_counts", "roles", "daily_counters", "oauth_grants", "oauth_apps", "outbox", "webhook_subscriptions", "webhook_deliveries", "webhook_attempts" })
                await db.Exec($"DELETE FROM {t} WHERE account_id = @id", new { id });
            await db.Exec("DELETE FROM accounts WHERE id = @id", new { id });
        }
        return ids;
    }
}
