using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Roster.Domain.Abstractions;

namespace Roster.Storage;

/// <summary>Tells a unique-constraint failure on a named column from other database errors.</summary>
internal interface IUniqueViolation
{
    bool IsUniqueViolation(DbException e, string column);
}

/// <summary>
/// The embedded store: one SQLite file in WAL mode with full fsync on commit, so that an answered write survives
/// a killed process. Writes run one at a time in <c>BEGIN IMMEDIATE</c> transactions; reads run in parallel on
/// their own snapshot.
/// </summary>
public sealed class SqliteStore : IRosterStore, IStoreHealth, IUniqueViolation, IDisposable
{
    public const int SchemaVersion = MigrationScripts.Latest;
    readonly string _connectionString;
    readonly SemaphoreSlim _writeGate = new(1, 1);

    public string Path { get; }

    public SqliteStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Creates the file if needed and applies every migration this build knows, in one transaction each.</summary>
    public void Migrate()
    {
        using var connection = Open();
        connection.Execute("PRAGMA journal_mode = WAL;");
        var version = connection.ExecuteScalar<long>("PRAGMA user_version;");
        if (version > SchemaVersion)
            throw new SchemaMismatchException(
                $"The store at {Path} has schema version {version}, newer than this Roster build serves ({SchemaVersion}). Upgrade Roster.");
        for (var v = (int)version + 1; v <= SchemaVersion; v++)
        {
            using var tx = connection.BeginTransaction();
            connection.Execute(MigrationScripts.Load("Sqlite", v), transaction: tx);
            connection.Execute($"PRAGMA user_version = {v};", transaction: tx);
            tx.Commit();
        }
    }

    /// <summary>Runs SQLite's own consistency check; "ok" when the file is sound.</summary>
    public string IntegrityCheck()
    {
        using var connection = Open();
        return string.Join("; ", connection.Query<string>("PRAGMA integrity_check;"));
    }

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        try
        {
            await using var connection = Open();
            return await connection.ExecuteScalarAsync<long>("SELECT 1") == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    // Per physical connection (pooled connections keep their handle): a larger page cache and memory-mapped
    // reads, so a million-user store is served from memory rather than through read() calls.
    readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _tuned = new();

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (connection.Handle is { } handle && !_tuned.TryGetValue(handle, out _))
        {
            connection.Execute("PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824; PRAGMA temp_store = MEMORY;");
            _tuned.AddOrUpdate(handle, this);
        }
        return connection;
    }

    public async Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
    {
        await using var connection = Open();
        await using var tx = connection.BeginTransaction(deferred: true);
        var result = await work(new SqlSession(connection, tx, this));
        tx.Commit();
        return result;
    }

    public async Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            await using var connection = Open();
            await using var tx = connection.BeginTransaction(deferred: false);
            var result = await work(new SqlSession(connection, tx, this));
            tx.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public bool IsUniqueViolation(DbException e, string column)
        => e is SqliteException { SqliteErrorCode: 19 } && e.Message.Contains($".{column}", StringComparison.Ordinal);

    public void Dispose() => _writeGate.Dispose();
}
