using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Dapper;
using Npgsql;
using Roster.Domain.Abstractions;

namespace Roster.Storage;

/// <summary>
/// The shared store for several Roster nodes: PostgreSQL through Npgsql's pooled data source. Every write runs
/// at SERIALIZABLE isolation and is retried whole when PostgreSQL reports a serialisation conflict, so
/// concurrent read-merge-write operations on any nodes lose no update; unique indexes decide creation races.
/// </summary>
public sealed class PostgresStore : IRosterStore, IStoreHealth, IUniqueViolation, IDisposable
{
    public const int SchemaVersion = MigrationScripts.Latest;
    const long MigrationLockKey = 0x526F73746572; // "Roster"
    const int MaxAttempts = 10;
    readonly NpgsqlDataSource _dataSource;

    public PostgresStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 5;
        if (!connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase)) builder.CommandTimeout = 30;
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>
    /// Applies the migrations this build knows under a PostgreSQL advisory lock, so nodes starting together never
    /// race. With <paramref name="apply"/> false it only checks, and refuses a schema that is older or newer.
    /// </summary>
    public async Task MigrateAsync(bool apply = true, CancellationToken ct = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = MigrationLockKey });
        try
        {
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS roster_schema (version BIGINT NOT NULL)");
            var version = await connection.ExecuteScalarAsync<long?>("SELECT MAX(version) FROM roster_schema") ?? 0;
            if (version > SchemaVersion)
                throw new SchemaMismatchException($"The PostgreSQL store has schema version {version}, newer than this Roster build serves ({SchemaVersion}). Upgrade this node.");
            if (version < SchemaVersion && !apply)
                throw new SchemaMismatchException($"The PostgreSQL store has schema version {version}, older than this Roster build needs ({SchemaVersion}). Run `roster-server migrate` first.");
            for (var v = (int)version + 1; v <= SchemaVersion; v++)
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(MigrationScripts.Load("Postgres", v), transaction: tx);
                await connection.ExecuteAsync("INSERT INTO roster_schema (version) VALUES (@v)", new { v }, tx);
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = MigrationLockKey });
        }
    }

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            return await connection.ExecuteScalarAsync<int>("SELECT 1") == 1;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            return false;
        }
    }

    public async Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var result = await work(new SqlSession(connection, tx, this));
        await tx.CommitAsync(ct);
        return result;
    }

    public async Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(ct);
                await using var tx = await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
                var result = await work(new SqlSession(connection, tx, this));
                await tx.CommitAsync(ct);
                return result;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
        }
    }

    public bool IsUniqueViolation(DbException e, string column)
        => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p && (p.ConstraintName ?? "").Contains(column, StringComparison.Ordinal);

    /// <summary>True when the database cannot be reached (down, restarting, network), as opposed to a bad query.</summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.InnerException is SocketException or IOException or TimeoutException || n.IsTransient,
        SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    public void Dispose() => _dataSource.Dispose();
}
