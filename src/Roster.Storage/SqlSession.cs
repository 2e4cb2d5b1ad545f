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
internal sealed partial class SqlSession(DbConnection connection, DbTransaction transaction, ISqlDialect unique, int countShards = 1) : IStoreSession
{
    static SqlSession() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    Task<T?> One<T>(string sql, object? args = null) => connection.QuerySingleOrDefaultAsync<T>(sql, args, transaction);
    async Task<IReadOnlyList<T>> Many<T>(string sql, object? args = null) => (await connection.QueryAsync<T>(sql, args, transaction)).AsList();
    Task<int> Exec(string sql, object? args = null) => connection.ExecuteAsync(sql, args, transaction);

    static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    static long? Ms(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds();
    static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
