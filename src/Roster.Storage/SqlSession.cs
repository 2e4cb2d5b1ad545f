using System.Text.Json.Serialization;
using Roster.Domain.Accounts;

namespace Roster.Storage;

[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(List<string>))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class StorageJson : JsonSerializerContext;

/// <summary>
/// The store's queries, written once in the SQL that SQLite and PostgreSQL share, over one open
/// connection and transaction. Engines differ only in how
/// connections, transactions, locks and errors work.
/// </summary>
/// <param name="oneStatement">A read without a transaction: one statement sees one moment by itself, a second one
/// would not see the same, so it is refused with <see cref="SnapshotNeeded"/> (the store then reads again in a snapshot).</param>
internal sealed partial class SqlSession(DbConnection connection, DbTransaction? transaction, ISqlDialect unique, int countShards = 1, bool oneStatement = false) : IStoreSession
{
    static SqlSession() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    int _statements;

    /// <summary>The connection, for one statement.</summary>
    DbConnection Statement => oneStatement && ++_statements > 1 ? throw new SnapshotNeeded() : connection;

    Task<T?> One<T>(string sql, object? args = null) => Statement.QuerySingleOrDefaultAsync<T>(sql, args, transaction);
    async Task<IReadOnlyList<T>> Many<T>(string sql, object? args = null) => (await Statement.QueryAsync<T>(sql, args, transaction)).AsList();
    Task<int> Exec(string sql, object? args = null) => Statement.ExecuteAsync(sql, args, transaction);

    static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    static long? Ms(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds();
    static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

/// <summary>A read run without a transaction reached its second statement: it must run again inside a snapshot.</summary>
internal sealed class SnapshotNeeded() : Exception("a read of more than one statement needs a snapshot");
