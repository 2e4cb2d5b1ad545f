using Npgsql;
using Roster.Domain.Users;

namespace Roster.Storage.Tests;

/// <summary>
/// The one set of migrations on each engine: a new store comes up at the build's version, migrating again changes
/// nothing, a store newer than the build is refused; PostgreSQL nodes that may not migrate refuse an older one, and
/// nodes migrating together apply each script once.
/// </summary>
public class MigrationTests
{
    static User Someone() => new()
    {
        Id = "u_migrated", AccountId = "acct_m", Email = "kept@migrations.test", Pmi = 5_550_000_001,
        CreatedAt = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
    };

    [SkippableTheory]
    [MemberData(nameof(EngineStore.Both), MemberType = typeof(EngineStore))]
    public async Task ANewStoreIsAtTheBuildsVersionAndMigratingAgainKeepsItsData(string engine)
    {
        using var under = await EngineStore.OpenAsync(engine);
        Assert.True(under.Engine.SchemaVersion >= 14, $"schema version {under.Engine.SchemaVersion}"); // 0014_user_name_search.sql at the time of writing
        Assert.Equal(under.Engine.SchemaVersion, await under.RecordedSchemaVersionAsync());
        await under.Store.WriteAsync(async s => { await s.InsertUserAsync(Someone()); return 0; });

        // a node started again on the same store: nothing to apply, nothing lost
        var again = under.Open();
        await again.MigrateAsync(apply: true);
        await again.MigrateAsync(apply: false);
        Assert.Equal(under.Engine.SchemaVersion, await under.RecordedSchemaVersionAsync());
        var user = await again.Store.ReadAsync(s => s.GetUserAsync("u_migrated"));
        Assert.Equal("kept@migrations.test", user?.Email);
    }

    [SkippableTheory]
    [MemberData(nameof(EngineStore.Both), MemberType = typeof(EngineStore))]
    public async Task AStoreNewerThanTheBuildIsRefused(string engine)
    {
        using var under = await EngineStore.OpenAsync(engine);
        await under.RecordSchemaVersionAsync(under.Engine.SchemaVersion + 1);
        var refused = await Assert.ThrowsAsync<SchemaMismatchException>(() => under.Open().MigrateAsync(apply: true));
        Assert.Contains("newer than this Roster build", refused.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(EngineStore.Both), MemberType = typeof(EngineStore))]
    public async Task AnOlderStoreIsBroughtUpToDateOnlyWhereTheNodeMayMigrate(string engine)
    {
        using var under = await EngineStore.OpenAsync(engine, migrate: false);
        if (under.IsPostgres)
        {
            // a node told not to migrate (several nodes, one `roster-server migrate`) refuses to serve an older schema
            var refused = await Assert.ThrowsAsync<SchemaMismatchException>(() => under.Engine.MigrateAsync(apply: false));
            Assert.Contains("older than this Roster build needs", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, await under.RecordedSchemaVersionAsync());
        }
        else
        {
            // one SQLite node owns its file: it always brings it up to date
            await under.Engine.MigrateAsync(apply: false);
            Assert.Equal(under.Engine.SchemaVersion, await under.RecordedSchemaVersionAsync());
        }
        await under.Engine.MigrateAsync(apply: true);
        Assert.Equal(under.Engine.SchemaVersion, await under.RecordedSchemaVersionAsync());
    }

    [SkippableFact]
    public async Task PostgresNodesMigratingTogetherApplyEachScriptOnce()
    {
        using var under = await EngineStore.OpenAsync(EngineStore.Postgres, migrate: false);
        var nodes = Enumerable.Range(0, 4).Select(_ => under.Open()).ToList();
        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.MigrateAsync(apply: true))));
        await using var c = new NpgsqlConnection(under.Database);
        await c.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*), COUNT(DISTINCT version), MAX(version) FROM roster_schema", c);
        await using var row = await count.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        var latest = (long)under.Engine.SchemaVersion;
        Assert.Equal((latest, latest, latest), (row.GetInt64(0), row.GetInt64(1), row.GetInt64(2)));
    }
}
