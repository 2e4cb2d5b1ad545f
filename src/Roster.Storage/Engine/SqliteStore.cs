using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using Roster.Domain.Abstractions;

namespace Roster.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with full fsync on commit, so that an answered write survives
/// a killed process. Writes run on one writer in <c>BEGIN IMMEDIATE</c> transactions, grouped (see
/// <see cref="WriteAsync{T}"/>); reads run in parallel on their own snapshot.
/// </summary>
public sealed class SqliteStore : IRosterStore, IStoreHealth, ISqlDialect, IDisposable
{
    public static int SchemaVersion => MigrationScripts.Latest;
    readonly string _connectionString;

    public string Path { get; }
    public StoreTuning Tuning { get; }

    public SqliteStore(string path, StoreTuning? tuning = null)
    {
        Path = path;
        Tuning = tuning ?? new StoreTuning();
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        StartWriter();
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

    // Per physical connection (pooled connections keep their handle): an 8 MB page cache and in-memory temp
    // tables. No mmap: the OS page cache already holds the file, and mapped pages would count as Roster's memory.
    readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _tuned = new();

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (connection.Handle is { } handle && !_tuned.TryGetValue(handle, out _))
        {
            connection.Execute("PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY;");
            _tuned.AddOrUpdate(handle, this);
        }
        return connection;
    }

    /// <summary>
    /// Connections kept open for reads, each with its prepared statements: a read takes one, or opens one when all are
    /// busy, and gives it back (up to <see cref="KeptReaders"/> are kept). SQLite prepares a statement once per
    /// connection, not once per call, and no pool lock is shared by every request.
    /// </summary>
    readonly System.Collections.Concurrent.ConcurrentQueue<StatementCache> _readers = new();
    static readonly int KeptReaders = Math.Max(8, Environment.ProcessorCount * 4);
    // counted here: a bag's count (it was one) takes every lock it has, and a read continues on another thread than
    // the one that gave its connection back, so a bag stole between threads under a lock on every read
    int _keptCount;
    int _disposed;

    /// <summary>The reads (by their code) that take more than one statement: they start in a snapshot.</summary>
    readonly System.Collections.Concurrent.ConcurrentDictionary<System.Reflection.MethodInfo, bool> _snapshotReads = new();

    /// <summary>
    /// A read sees one moment: a read of one statement gets it from the statement alone (no BEGIN and COMMIT to run);
    /// one that reaches a second statement runs again in a deferred transaction (one snapshot of the WAL), and that
    /// read's code starts in one from then on.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
    {
        StatementCache? reader;
        if (_readers.TryDequeue(out var kept))
        {
            Interlocked.Decrement(ref _keptCount);
            reader = kept;
        }
        else reader = new StatementCache(OpenReader());
        try
        {
            if (!_snapshotReads.ContainsKey(work.Method))
            {
                try
                {
                    return await work(new SqlSession(reader.Connection, null, this, oneStatement: true, statements: reader));
                }
                catch (SnapshotNeeded)
                {
                    _snapshotReads.TryAdd(work.Method, true);
                }
            }
            using var tx = ((SqliteConnection)reader.Connection).BeginTransaction(deferred: true);
            var result = await work(new SqlSession(reader.Connection, tx, this, statements: reader));
            tx.Commit();
            return result;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or SnapshotNeeded or OperationCanceledException
                                   || reader.Connection.State != System.Data.ConnectionState.Open)
        {
            // a read that failed in the store leaves nothing half-open behind for the next one; a rule's answer (a 404,
            // say) ends statements and transaction as a success does, so the connection and its prepared statements stay
            reader.Dispose();
            reader = null;
            throw;
        }
        finally
        {
            if (reader is not null)
            {
                if (Interlocked.Increment(ref _keptCount) <= KeptReaders && Volatile.Read(ref _disposed) == 0) _readers.Enqueue(reader);
                else
                {
                    Interlocked.Decrement(ref _keptCount);
                    reader.Dispose();
                }
            }
        }
    }

    SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString + ";Pooling=False");
        connection.Open();
        connection.Execute("PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY;");
        return connection;
    }

    /// <summary>
    /// Queues the work for the single writer. The writer takes every write waiting at that moment (up to
    /// <see cref="MaxGroup"/>) into one transaction, runs each in its own savepoint (a failed one is rolled back
    /// alone), commits once with one fsync, and only then answers them all: group commit, so many concurrent
    /// writes share the cost of a durable commit.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
    {
        var pending = new PendingWrite(async session => await work(session), ct);
        await _queue.Writer.WriteAsync(pending, ct);
        return (T)(await pending.Done.Task)!;
    }

    public const int MaxGroup = 128;

    sealed record PendingWrite(Func<IStoreSession, Task<object?>> Work, CancellationToken Ct)
    {
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    readonly System.Threading.Channels.Channel<PendingWrite> _queue =
        System.Threading.Channels.Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    Task? _writer;

    void StartWriter() => _writer = Task.Run(WriterLoop);

    async Task WriterLoop()
    {
        var group = new List<PendingWrite>(MaxGroup);
        var outcomes = new List<(object? Value, Exception? Error)>(MaxGroup);
        // The writer keeps its own connection with a larger page cache (index pages of a growing store stay hot) and its
        // prepared statements (a statement is prepared once, not on every write: that was a quarter of a create's time)
        StatementCache? writer = null;
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            outcomes.Clear();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next)) group.Add(next);
            try
            {
                if (writer is null)
                {
                    var opened = Open();
                    opened.Execute("PRAGMA cache_size = -65536;");
                    writer = new StatementCache(opened);
                }
                var connection = (SqliteConnection)writer.Connection;
                await using var tx = connection.BeginTransaction(deferred: false);
                foreach (var write in group)
                {
                    if (write.Ct.IsCancellationRequested)
                    {
                        outcomes.Add((null, new OperationCanceledException(write.Ct)));
                        continue;
                    }
                    tx.Save("w");
                    try
                    {
                        var value = await write.Work(new SqlSession(connection, tx, this, statements: writer));
                        tx.Release("w");
                        outcomes.Add((value, null));
                    }
                    catch (Exception e)
                    {
                        tx.Rollback("w");
                        tx.Release("w");
                        outcomes.Add((null, e));
                    }
                }
                tx.Commit();
            }
            catch (Exception e)
            {
                // the commit (or the transaction) failed: nothing of this group is on disk; start on a fresh connection
                writer?.Dispose();
                writer = null;
                for (var i = 0; i < group.Count; i++)
                {
                    if (i == outcomes.Count) outcomes.Add((null, e));
                    else if (outcomes[i].Error is null) outcomes[i] = (null, e);
                }
            }
            for (var i = 0; i < group.Count; i++)
            {
                if (outcomes[i].Error is { } error) group[i].Done.TrySetException(error);
                else group[i].Done.TrySetResult(outcomes[i].Value);
            }
        }
        writer?.Dispose();
    }

    string ISqlDialect.OutboxTx => "0";
    string ISqlDialect.OutboxSettled => ""; // one writer, committing in seq order: every visible event is settled
    // Every event here has tx 0, and a position's tx is 0 or more: the same events as "(tx, seq) > (@Tx, @Seq)", which
    // SQLite seeks by tx alone and then scans every event (30 ms a probe at 340,000 events, several probes a second).
    string ISqlDialect.OutboxAfter => "tx = @Tx AND seq > @Seq";
    string ISqlDialect.OverridingIdentity => "";
    string ISqlDialect.SkipLocked => "";
    string ISqlDialect.ForUpdate => "";
    string ISqlDialect.JsonIsTrue(string column, string section, string leaf) => $"json_extract({column}, '$.{section}.{leaf}') = 1";
    string ISqlDialect.JsonText(string column, string field) => $"json_extract({column}, '$.{field}')";
    string? ISqlDialect.NamedLock => null;
    string? ISqlDialect.LockTables(IEnumerable<string> tables) => null;
    T? ISqlDialect.ReadJson<T>(DbDataReader row, int ordinal, JsonTypeInfo<T> type) where T : default => JsonSerializer.Deserialize(row.GetFieldValue<byte[]>(ordinal), type); // its UTF-8 bytes, no string

    /// <summary>SQLITE_FULL: the disk (or the file's limit) has no room; SQLite refused the write whole and the file stays sound.</summary>
    public static bool IsFull(Exception e) => e is SqliteException { SqliteErrorCode: 13 } || e.InnerException is SqliteException { SqliteErrorCode: 13 };

    public bool IsUniqueViolation(DbException e, string column)
        => e is SqliteException { SqliteErrorCode: 19 } && e.Message.Contains($".{column}", StringComparison.Ordinal);

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer?.Wait(TimeSpan.FromSeconds(10));
        Volatile.Write(ref _disposed, 1);
        while (_readers.TryDequeue(out var reader)) reader.Dispose();
    }
}
