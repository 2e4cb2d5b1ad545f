using System.Text.Json.Serialization;
using Roster.Domain.Accounts;

namespace Roster.Storage;

[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Roster.Domain.Accounts.AccountOptions))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class StorageJson : JsonSerializerContext;

/// <summary>
/// The store's queries, written once in the SQL that SQLite and PostgreSQL share, over one open
/// connection and transaction. Engines differ only in how
/// connections, transactions, locks and errors work.
/// </summary>
/// <param name="oneStatement">A read without a transaction: one statement sees one moment by itself, a second one
/// would not see the same, so it is refused with <see cref="SnapshotNeeded"/> (the store then reads again in a snapshot).</param>
/// <param name="statements">Prepared statements kept with the connection (SQLite's readers), used for queries.</param>
/// <param name="batchWrites">Writes whose results nobody reads (see <see cref="Later"/>) are sent together, in one round trip
/// with the next statement's turn or before the commit: for a database across a network, on a connection that takes batches.</param>
internal sealed partial class SqlSession(DbConnection connection, DbTransaction? transaction, ISqlDialect unique, int countShards = 1, bool oneStatement = false,
    StatementCache? statements = null, RowGates? gates = null, bool batchWrites = false) : IStoreSession
{
    static SqlSession() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    int _statements;

    /// <summary>The connection, for one statement; see <see cref="Next"/>.</summary>
    DbConnection Statement => oneStatement && ++_statements > 1 ? throw new SnapshotNeeded() : connection;

    /// <summary>The connection for the next statement, once the writes waiting to be sent (<see cref="Later"/>) have gone: every statement goes through here, so each sees them.</summary>
    async ValueTask<DbConnection> Next()
    {
        if (_later is { Count: > 0 }) await SendLaterAsync();
        return Statement;
    }

    async Task<T?> One<T>(string sql, object? args = null)
        => Kept(args) ? Query<T>(sql, args, single: true).FirstOrDefault() : await (await Next()).QuerySingleOrDefaultAsync<T>(sql, args, transaction);
    async Task<IReadOnlyList<T>> Many<T>(string sql, object? args = null)
        => Kept(args) ? Query<T>(sql, args, single: false) : (await (await Next()).QueryAsync<T>(sql, args, transaction)).AsList();
    async Task<T?> Scalar<T>(string sql, object? args = null)
    {
        if (!KeptWrite(args)) return await (await Next()).ExecuteScalarAsync<T>(sql, args, transaction);
        _ = await Next();
        return statements!.Run(sql, args, transaction, static c => c.ExecuteScalar()) switch
        {
            null or DBNull => default,
            T value => value,
            var value => (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Whether a query runs on a kept prepared statement: when there are some, and its arguments are a plain object (not built per call).</summary>
    bool Kept(object? args) => statements is not null && args is not SqlMapper.IDynamicParameters;

    /// <summary>
    /// Whether a write (or a scalar) runs on a kept prepared statement: as a query, and only with arguments. The
    /// statements without any are the ones whose text is built per call (a snapshot's tables, a lock's list): kept, they
    /// would only crowd out the fixed ones.
    /// </summary>
    bool KeptWrite(object? args) => args is not null && Kept(args);

    async Task<int> Exec(string sql, object? args = null)
    {
        if (!KeptWrite(args)) return await (await Next()).ExecuteAsync(sql, args, transaction);
        _ = await Next();
        return statements!.Run(sql, args, transaction, static c => c.ExecuteNonQuery());
    }

    /// <summary>A statement over the whole state (a snapshot's copy or restore): as long as it takes, not the usual 30 s.</summary>
    async Task<int> ExecWhole(string sql) => await (await Next()).ExecuteAsync(sql, null, transaction, commandTimeout: WholeStateTimeoutSeconds);
    const int WholeStateTimeoutSeconds = 3600;

    // ---- writes sent together ----

    /// <summary>A write that waits to be sent with others; <c>Conflict</c> turns the database's refusal into the store's fact.</summary>
    sealed record LaterWrite(string Sql, object Args, Func<DbException, Exception?>? Conflict);

    List<LaterWrite>? _later;
    bool Batches => batchWrites && transaction is not null && statements is null && connection.CanCreateBatch;

    /// <summary>
    /// A write whose result nobody reads (a row updated by key, an event appended, a total moved). Where writes are
    /// batched it is sent with the others waiting, before the next statement or the commit, and fails the write there;
    /// elsewhere it runs now. Either way it is in the transaction before anything after it reads.
    /// </summary>
    async Task Later(string sql, object args, Func<DbException, Exception?>? conflict = null)
    {
        if (Batches)
        {
            (_later ??= []).Add(new(sql, args, conflict));
            return;
        }
        try
        {
            await Exec(sql, args);
        }
        catch (DbException e) when (conflict?.Invoke(e) is { } fact)
        {
            throw fact;
        }
    }

    /// <summary>Sends the waiting writes in one round trip; a store calls it before it commits.</summary>
    public async Task SendLaterAsync()
    {
        if (_later is not { Count: > 0 } writes) return;
        _later = null;
        _ = Statement; // one statement, however many writes
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var write in writes)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = write.Sql;
            foreach (var property in StatementCache.ShapeOf(write.Args.GetType()))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = property.Name;
                parameter.Value = property.GetValue(write.Args) ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            batch.BatchCommands.Add(command);
        }
        try
        {
            await batch.ExecuteNonQueryAsync();
        }
        catch (DbException e)
        {
            // the write the database refused, where it says which (every write's reading otherwise)
            var failed = e.BatchCommand is { } command ? batch.BatchCommands.IndexOf(command) : -1;
            foreach (var write in failed >= 0 ? [writes[failed]] : writes)
                if (write.Conflict?.Invoke(e) is { } fact) throw fact;
            throw;
        }
    }

    /// <summary>A query on a kept prepared statement, its rows mapped by Dapper's row parser.</summary>
    List<T> Query<T>(string sql, object? args, bool single)
    {
        using var reader = KeptReader(sql, args);
        var rows = new List<T>();
        var parse = statements!.ParserOf(sql, typeof(T), reader);
        while (reader.Read())
        {
            rows.Add((T)parse(reader));
            if (single && rows.Count > 1) throw new InvalidOperationException("Sequence contains more than one element");
        }
        return rows;
    }

    /// <summary>The rows of a query on its kept prepared statement (see <see cref="Kept"/>).</summary>
    DbDataReader KeptReader(string sql, object? args)
    {
        _ = Statement; // counts as a statement
        return statements!.Run(sql, args, transaction, static c => c.ExecuteReader());
    }

    static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    static long? Ms(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds();
    static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

/// <summary>A read run without a transaction reached its second statement: it must run again inside a snapshot.</summary>
internal sealed class SnapshotNeeded() : Exception("a read of more than one statement needs a snapshot");

/// <summary>
/// Prepared statements of one open connection, by their SQL: a statement is prepared on its first use and then only
/// bound again. Parameters are the properties of the arguments object (as Dapper names them), bound by name.
/// </summary>
internal sealed class StatementCache(DbConnection connection) : IDisposable
{
    /// <summary>Prepared commands by text and by the shape of their arguments: two queries may share a text and bind different arguments.</summary>
    readonly Dictionary<(string Sql, Type? Args), DbCommand> _commands = new();
    // Dapper builds a row parser by emitting code: built once per statement and row type, shared by every connection
    static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Sql, Type Row), Func<DbDataReader, object>> Parsers = new();

    public Func<DbDataReader, object> ParserOf(string sql, Type row, DbDataReader reader)
        => Parsers.TryGetValue((sql, row), out var parse) ? parse : Parsers.GetOrAdd((sql, row),
            // users, the hottest rows, are read by position with typed getters; every other row by Dapper's parser
            (row == typeof(SqlSession.UserRow) ? SqlSession.UserRow.ReaderFor(reader) : null) ?? reader.GetRowParser(row));
    static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo[]> Shapes = new();

    /// <summary>The properties of an arguments object: its parameters, as Dapper names them.</summary>
    public static System.Reflection.PropertyInfo[] ShapeOf(Type args) => Shapes.GetOrAdd(args, t => t.GetProperties());

    public DbConnection Connection => connection;

    const int MaxKept = 256; // the store's statements are fixed text; this only bounds a mistake

    public DbCommand Prepared(string sql, object? args, DbTransaction? transaction)
    {
        var key = (sql, args?.GetType());
        if (!_commands.TryGetValue(key, out var command))
        {
            if (_commands.Count >= MaxKept) { Clear(); Parsers.Clear(); }
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var p in args is null ? [] : Shapes.GetOrAdd(args.GetType(), t => t.GetProperties()))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + p.Name;
                command.Parameters.Add(parameter);
            }
            command.Prepare();
            _commands[key] = command;
        }
        command.Transaction = transaction;
        if (args is not null)
        {
            var shape = Shapes.GetOrAdd(args.GetType(), t => t.GetProperties());
            for (var i = 0; i < shape.Length; i++)
                command.Parameters[i].Value = shape[i].GetValue(args) switch
                {
                    null => DBNull.Value,
                    bool b => b ? 1L : 0L,
                    var v => v,
                };
        }
        return command;
    }

    /// <summary>
    /// Runs a kept statement. One the database refused (a unique key, say: an answer the caller turns into a rule's) is
    /// dropped, not reused: the next use prepares it afresh, whatever state the failure left it in.
    /// </summary>
    public T Run<T>(string sql, object? args, DbTransaction? transaction, Func<DbCommand, T> run)
    {
        var command = Prepared(sql, args, transaction);
        try
        {
            return run(command);
        }
        catch (DbException)
        {
            _commands.Remove((sql, args?.GetType()));
            command.Dispose();
            throw;
        }
    }

    void Clear()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
    }

    public void Dispose()
    {
        Clear();
        connection.Dispose();
    }
}
