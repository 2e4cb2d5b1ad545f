using Microsoft.Data.Sqlite;
using Npgsql;
using Roster.Domain.Abstractions;
using Roster.Server.Tests;

namespace Roster.Storage.Tests;

/// <summary>
/// A fresh store on one engine for one test: a SQLite file in a test folder of its own, or a database of its own in
/// the run's throwaway PostgreSQL cluster. The store's tests are theories over <see cref="Both"/>, so each runs on
/// both engines in every run; without PostgreSQL its cases skip on a laptop and fail with CI=true.
/// </summary>
public sealed class EngineStore : IDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The engines every store test runs on.</summary>
    public static TheoryData<string> Both => new() { Sqlite, Postgres };

    readonly List<IStoreEngine> _opened = [];

    EngineStore(string name, string folder, string? database)
    {
        (Name, Folder, Database) = (name, folder, database);
        Engine = Open();
    }

    public string Name { get; }
    public bool IsPostgres => Name == Postgres;
    /// <summary>The test's folder (the SQLite file lives in it).</summary>
    public string Folder { get; }
    /// <summary>The PostgreSQL database's connection string; null on SQLite.</summary>
    public string? Database { get; }
    public string SqlitePath => Path.Combine(Folder, "roster.db");
    /// <summary>The engine the test started with.</summary>
    public IStoreEngine Engine { get; }
    public IRosterStore Store => Engine.Store;

    /// <summary>A new store on <paramref name="engine"/>, its schema applied unless <paramref name="migrate"/> is false.</summary>
    public static async Task<EngineStore> OpenAsync(string engine, bool migrate = true)
    {
        if (engine == Postgres) PostgresCluster.Require();
        var folder = TestTemp.NewFolder("roster-store");
        var store = new EngineStore(engine, folder, engine == Postgres ? PostgresCluster.NewDatabase() : null);
        if (migrate) await store.Engine.MigrateAsync(apply: true);
        return store;
    }

    /// <summary>Another engine on the same file or database (as a second node, or a node started again), closed with this one.</summary>
    public IStoreEngine Open()
    {
        var engine = StoreEngines.Create(Database, SqlitePath);
        _opened.Add(engine);
        return engine;
    }

    /// <summary>The schema version the store records (SQLite: <c>PRAGMA user_version</c>; PostgreSQL: <c>roster_schema</c>).</summary>
    public async Task<long> RecordedSchemaVersionAsync()
    {
        if (Database is null)
        {
            await using var sqlite = new SqliteConnection($"Data Source={SqlitePath};Pooling=false");
            await sqlite.OpenAsync();
            await using var read = sqlite.CreateCommand();
            read.CommandText = "PRAGMA user_version";
            return (long)(await read.ExecuteScalarAsync())!;
        }
        await using var pg = new NpgsqlConnection(Database);
        await pg.OpenAsync();
        await using var max = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM roster_schema", pg);
        return (long)(await max.ExecuteScalarAsync())!;
    }

    /// <summary>Records <paramref name="version"/> as the store's schema version, as a newer build would have.</summary>
    public async Task RecordSchemaVersionAsync(long version)
    {
        if (Database is null)
        {
            await using var sqlite = new SqliteConnection($"Data Source={SqlitePath};Pooling=false");
            await sqlite.OpenAsync();
            await using var write = sqlite.CreateCommand();
            write.CommandText = $"PRAGMA user_version = {version}";
            await write.ExecuteNonQueryAsync();
            return;
        }
        await using var pg = new NpgsqlConnection(Database);
        await pg.OpenAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO roster_schema (version) VALUES (@v)", pg);
        insert.Parameters.AddWithValue("v", version);
        await insert.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        foreach (var engine in _opened) engine.Dispose();
        if (Database is not null) PostgresCluster.Drop(Database);
        TestTemp.Delete(Folder);
    }
}
