
namespace Roster.Storage;

/// <summary>
/// What the parts of one store session share: its open connection and transaction, the statements kept with the
/// connection, and the writes waiting to be sent together. Every statement of every part goes through here.
/// </summary>
/// <param name="dialect">What the shared SQL needs to know of its engine.</param>
/// <param name="oneStatement">A read without a transaction: one statement sees one moment by itself, a second one
/// would not see the same, so it is refused with <see cref="SnapshotNeeded"/> (the store then reads again in a snapshot).</param>
/// <param name="statements">Prepared statements kept with the connection (SQLite's readers), used for queries.</param>
/// <param name="batchWrites">Writes whose results nobody reads (see <see cref="Later"/>) are sent together, in one round trip
/// with the next statement's turn or before the commit: for a database across a network, on a connection that takes batches.</param>
internal sealed class SqlRunner(DbConnection connection, DbTransaction? transaction, ISqlDialect dialect, bool oneStatement = false,
    StatementCache? statements = null, bool batchWrites = false)
{
    static SqlRunner() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public ISqlDialect Dialect => dialect;
    public DbConnection Connection => connection;
    public DbTransaction? Transaction => transaction;

    int _statements;

    /// <summary>The connection, for one statement; see <see cref="Next"/>.</summary>
    DbConnection Statement => oneStatement && ++_statements > 1 ? throw new SnapshotNeeded() : connection;

    /// <summary>The connection for the next statement, once the writes waiting to be sent (<see cref="Later"/>) have gone: every statement goes through here, so each sees them.</summary>
    public async ValueTask<DbConnection> Next()
    {
        if (_later is { Count: > 0 }) await SendLaterAsync();
        return Statement;
    }

    public async Task<T?> One<T>(string sql, object? args = null)
        => Kept(args) ? Query<T>(sql, args, single: true).FirstOrDefault() : await (await Next()).QuerySingleOrDefaultAsync<T>(sql, args, transaction);
    public async Task<IReadOnlyList<T>> Many<T>(string sql, object? args = null)
        => Kept(args) ? Query<T>(sql, args, single: false) : (await (await Next()).QueryAsync<T>(sql, args, transaction)).AsList();
    public async Task<T?> Scalar<T>(string sql, object? args = null)
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
    public bool Kept(object? args) => statements is not null && (args is ColumnValues || args is not SqlMapper.IDynamicParameters);

    /// <summary>
    /// Whether a write (or a scalar) runs on a kept prepared statement: as a query, and only with arguments. The
    /// statements without any are the ones whose text is built per call (a snapshot's tables, a lock's list): kept, they
    /// would only crowd out the fixed ones.
    /// </summary>
    bool KeptWrite(object? args) => args is not null && Kept(args);

    public async Task<int> Exec(string sql, object? args = null)
    {
        if (!KeptWrite(args)) return await (await Next()).ExecuteAsync(sql, args, transaction);
        _ = await Next();
        return statements!.Run(sql, args, transaction, static c => c.ExecuteNonQuery());
    }

    /// <summary>A statement over the whole state (a snapshot's copy or restore): as long as it takes, not the usual 30 s.</summary>
    public async Task<int> ExecWhole(string sql) => await (await Next()).ExecuteAsync(sql, null, transaction, commandTimeout: WholeStateTimeoutSeconds);
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
    public async Task Later(string sql, object args, Func<DbException, Exception?>? conflict = null)
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
            foreach (var (name, value) in StatementCache.NamesOf(write.Args).Zip(StatementCache.ValuesOf(write.Args)))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
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
        var parse = StatementCache.ParserOf(sql, typeof(T), reader);
        while (reader.Read())
        {
            rows.Add((T)parse(reader));
            if (single && rows.Count > 1) throw new InvalidOperationException("Sequence contains more than one element");
        }
        return rows;
    }

    /// <summary>The rows of a query on its kept prepared statement (see <see cref="Kept"/>).</summary>
    public DbDataReader KeptReader(string sql, object? args)
    {
        _ = Statement; // counts as a statement
        return statements!.Run(sql, args, transaction, static c => c.ExecuteReader());
    }

    /// <summary>The rows of a query read by <paramref name="read"/> (by position), on a kept statement where there is one.</summary>
    public async Task<List<T>> Read<T>(string sql, object args, Func<DbDataReader, T> read, int capacity = 4)
    {
        var rows = new List<T>(capacity);
        if (Kept(args))
        {
            using var kept = KeptReader(sql, args);
            while (kept.Read()) rows.Add(read(kept));
            return rows;
        }
        await using var reader = await (await Next()).ExecuteReaderAsync(sql, args, transaction);
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>Many rows inserted with one prepared command, its parameters bound again for each row: the bulk path where the engine has no other.</summary>
    public async Task InsertEachAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        await using var command = (await Next()).CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
        var parameters = columns.Select(c =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = c;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync();
        }
    }
}
