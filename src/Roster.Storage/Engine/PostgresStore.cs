using System.Data;
using System.Net.Sockets;
using Npgsql;
using Roster.Domain.Abstractions;

namespace Roster.Storage;

/// <summary>
/// The shared store for several Roster nodes: PostgreSQL through Npgsql's pooled data source, statements prepared
/// on first reuse. Writes run at READ COMMITTED: a rule that reads, decides and writes holds what it depends on
/// (<see cref="Domain.Abstractions.ILockStore"/>: the user's row, the account's, a named lock for a set of rows),
/// unique indexes decide creation races, and a transaction PostgreSQL picks as a deadlock victim is run again.
/// Concurrent writers wait only where they touch the same thing, never on a whole table's predicates.
/// A read sees one moment: one statement, or a REPEATABLE READ snapshot (a list's total and its page agree).
/// </summary>
public sealed class PostgresStore : IRosterStore, IStoreHealth, ISqlDialect, IDisposable
{
    public static int SchemaVersion => MigrationScripts.Latest;
    const long MigrationLockKey = 0x526F73746572; // "Roster"
    const int CountShards = 16;
    static readonly TimeSpan ConflictBudget = TimeSpan.FromSeconds(3);

    /// <summary>This node's queues in front of row locks (see <see cref="RowGates"/>).</summary>
    readonly RowGates _gates = new();

    /// <summary>Row queues in use now: none once every write has ended (a test holds it).</summary>
    internal int QueuedRows => _gates.Count;
    readonly NpgsqlDataSource _dataSource;

    public StoreTuning Tuning { get; }

    public PostgresStore(string connectionString, StoreTuning? tuning = null)
    {
        Tuning = tuning ?? new StoreTuning();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 5;
        if (!connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase)) builder.CommandTimeout = 30;
        // the store's statements are few and fixed: prepared once per connection after their second use
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) { builder.MaxAutoPrepare = 64; builder.AutoPrepareMinUsages = 2; }
        // Roster sets no session state, so a pooled connection needs no reset (one statement less per checkout)
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
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

    /// <summary>The reads (by their code) that take more than one statement: they start in a snapshot.</summary>
    readonly System.Collections.Concurrent.ConcurrentDictionary<System.Reflection.MethodInfo, bool> _snapshotReads = new();

    /// <summary>
    /// A read sees one moment. A read of one statement (a user by id, say) gets that from the statement alone, without
    /// BEGIN and COMMIT round trips; one that reaches a second statement is run again in a REPEATABLE READ snapshot
    /// (reads have no effects to undo), and that read's code starts in a snapshot from then on.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        if (!_snapshotReads.ContainsKey(work.Method))
        {
            try
            {
                return await work(new SqlSession(connection, null, this, CountShards, oneStatement: true));
            }
            catch (SnapshotNeeded)
            {
                _snapshotReads.TryAdd(work.Method, true);
            }
        }
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var result = await work(new SqlSession(connection, tx, this, CountShards));
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Runs the work in one READ COMMITTED transaction, and runs it again, with jittered backoff, when PostgreSQL
    /// breaks a deadlock by aborting it (two writes locking the same rows in opposite orders). Should that go on past
    /// <see cref="ConflictBudget"/> the caller gets Zoom's answer to concurrent updates of one resource: 429
    /// "Too many concurrent requests".
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            SqlSession? session = null;
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(ct);
                await using var tx = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
                session = new SqlSession(connection, tx, this, CountShards, gates: _gates, batchWrites: true);
                var result = await work(session);
                await session.SendLaterAsync(); // the writes still waiting, in one round trip
                await tx.CommitAsync(ct);
                return result;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
            {
                session?.LeaveQueues(); // not held through the backoff
                if (started.Elapsed > ConflictBudget)
                    throw new StoreContention();
                await Task.Delay(Random.Shared.Next(1, Math.Min(100, 2 << Math.Min(attempt, 6))), ct);
            }
            finally
            {
                // after the commit or the rollback (the transaction is disposed first): the row is free in the database too
                session?.LeaveQueues();
            }
        }
    }

    // Sequence numbers are taken at insert, and transactions commit in any order: an event is read only once every
    // transaction that started before its own has ended (its xid below the snapshot's xmin), then in (tx, seq) order.
    string ISqlDialect.OutboxTx => "pg_current_xact_id()::text::bigint";
    string ISqlDialect.OutboxAfter => "(tx, seq) > (@Tx, @Seq)";
    string ISqlDialect.OutboxSettled => "AND tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint";
    string ISqlDialect.OverridingIdentity => "OVERRIDING SYSTEM VALUE";
    string ISqlDialect.SkipLocked => "FOR UPDATE SKIP LOCKED";
    string ISqlDialect.ForUpdate => "FOR UPDATE";
    string ISqlDialect.JsonText(string column, string field) => $"(({column}::jsonb) ->> '{field}')";
    string ISqlDialect.JsonIsTrue(string column, string section, string leaf) => $"({column}::jsonb #> '{{{section},{leaf}}}') = 'true'::jsonb";
    string? ISqlDialect.NamedLock => "SELECT pg_advisory_xact_lock(hashtextextended(@name, 0))";
    // EXCLUSIVE mode: readers go on, every writer waits (and is waited for) — for copying or replacing the whole state
    string? ISqlDialect.LockTables(IEnumerable<string> tables) => $"LOCK TABLE {string.Join(", ", tables)} IN EXCLUSIVE MODE";

    /// <summary>Binary COPY: one round trip for the whole batch.</summary>
    async Task ISqlDialect.BulkInsertAsync(SqlRunner db, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        var connection = (NpgsqlConnection)await db.Next();
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await copy.StartRowAsync();
            foreach (var value in row)
                if (value is null) await copy.WriteNullAsync();
                else await copy.WriteAsync(value);
        }
        await copy.CompleteAsync();
    }

    public bool IsUniqueViolation(DbException e, string column)
        => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p && (p.ConstraintName ?? "").Contains(column, StringComparison.Ordinal);

    /// <summary>True when the database cannot be reached (down, restarting, network), as opposed to a bad query.</summary>
    /// <summary>Text PostgreSQL cannot hold (a NUL character, say): the request's fault, answered 400, never 500.</summary>
    public static bool IsUnstorableText(Exception e)
        => e is PostgresException { SqlState: "22021" or "22P05" } || e.InnerException is PostgresException { SqlState: "22021" or "22P05" };

    public static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.InnerException is SocketException or IOException or TimeoutException || n.IsTransient,
        // Bare I/O errors are not the store's: a truncated request body, say, must stay a 400, not become a 503.
        _ => false,
    };

    /// <summary>
    /// Rate windows counted in PostgreSQL, so every node sharing the store applies one limit; nodes take the budget
    /// in small batches (<see cref="Domain.Limits.LeasingRateCounter"/>), not one store write per request.
    /// </summary>
    public Domain.Limits.IRateCounter RateCounter => new Domain.Limits.LeasingRateCounter(new PostgresRateBudget(_dataSource));

    sealed class PostgresRateBudget(NpgsqlDataSource dataSource) : Domain.Limits.IRateBudget
    {
        // One row per counter, in an unlogged table (no fsync per grant). Windows only move forward: a newer window
        // starts afresh; a grant asked for an older window (a late node) takes from the current one. A full window
        // updates nothing and returns no row.
        const string Sql = """
            INSERT INTO rate_windows (key, win, n, granted) VALUES (@key, @window, LEAST(@want, @limit), LEAST(@want, @limit))
            ON CONFLICT (key) DO UPDATE SET win = GREATEST(rate_windows.win, excluded.win),
                n = CASE WHEN excluded.win > rate_windows.win THEN excluded.n ELSE LEAST(rate_windows.n + @want, @limit) END,
                granted = CASE WHEN excluded.win > rate_windows.win THEN excluded.n ELSE LEAST(rate_windows.n + @want, @limit) - rate_windows.n END
            WHERE excluded.win > rate_windows.win OR rate_windows.n < @limit
            RETURNING granted, n
            """;

        sealed record Grant(long Granted, long N);

        public async ValueTask<(long Granted, long Count)> TakeAsync(string key, long window, long want, int limit)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            var grant = await connection.QuerySingleOrDefaultAsync<Grant>(Sql, new { key, window, want, limit = (long)limit });
            return grant is null ? (0, limit) : (grant.Granted, grant.N);
        }
    }

    public void Dispose() => _dataSource.Dispose();
}
