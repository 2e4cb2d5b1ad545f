
namespace Roster.Storage;

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

    public static Func<DbDataReader, object> ParserOf(string sql, Type row, DbDataReader reader)
        => Parsers.TryGetValue((sql, row), out var parse) ? parse : Parsers.GetOrAdd((sql, row), reader.GetRowParser(row));
    static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo[]> Shapes = new();

    /// <summary>The parameters of an arguments object: a <see cref="ColumnValues"/>' own, else its properties (as Dapper names them).</summary>
    public static IEnumerable<string> NamesOf(object args)
        => args is ColumnValues row ? row.Names : Shapes.GetOrAdd(args.GetType(), t => t.GetProperties()).Select(p => p.Name);

    /// <summary>The values of <see cref="NamesOf"/>, in its order.</summary>
    public static IEnumerable<object?> ValuesOf(object args)
        => args is ColumnValues row ? row.Values : Shapes.GetOrAdd(args.GetType(), t => t.GetProperties()).Select(p => p.GetValue(args));

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
            foreach (var name in args is null ? [] : NamesOf(args))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                command.Parameters.Add(parameter);
            }
            command.Prepare();
            _commands[key] = command;
        }
        command.Transaction = transaction;
        if (args is ColumnValues row)
        {
            for (var i = 0; i < row.Values.Length; i++) command.Parameters[i].Value = row.Values[i] ?? DBNull.Value;
        }
        else if (args is not null)
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
