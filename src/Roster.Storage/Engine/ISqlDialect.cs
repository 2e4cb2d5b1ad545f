using System.Text.Json.Serialization.Metadata;

namespace Roster.Storage;

/// <summary>What the shared SQL needs to know of its engine.</summary>
internal interface ISqlDialect
{
    /// <summary>Tells a unique-constraint failure on a named column from other database errors.</summary>
    bool IsUniqueViolation(DbException e, string column);
    /// <summary>The SQL value of the current transaction's id for the outbox (<c>0</c> where one writer commits in order).</summary>
    string OutboxTx { get; }
    /// <summary>A condition on <c>outbox.tx</c> that keeps only events no running transaction can precede (empty where none can).</summary>
    string OutboxSettled { get; }
    /// <summary>The condition "after the position <c>(@Tx, @Seq)</c>", spelt so that the position index is sought, not scanned.</summary>
    string OutboxAfter { get; }
    /// <summary>What lets an INSERT write identity columns as given (a restored snapshot keeps its keys).</summary>
    string OverridingIdentity { get; }
    /// <summary>What makes a locking read pass over rows other transactions hold (empty where one writer runs at a time).</summary>
    string SkipLocked { get; }
    /// <summary>What makes a read hold its rows until the transaction ends (empty where one writer runs at a time).</summary>
    string ForUpdate { get; }
    /// <summary>The statement that takes the named lock <c>@name</c> until the transaction ends (null where one writer runs at a time).</summary>
    string? NamedLock { get; }
    /// <summary>The statement that keeps every other writer of <paramref name="tables"/> out until the transaction ends (null where one writer runs at a time).</summary>
    string? LockTables(IEnumerable<string> tables);
    /// <summary>A condition true when the JSON text in <paramref name="column"/> has <c>true</c> at <paramref name="section"/>.<paramref name="leaf"/> (both plain names).</summary>
    string JsonIsTrue(string column, string section, string leaf);
    /// <summary>The text at the top-level <paramref name="field"/> of the JSON text in <paramref name="column"/>, spelt as the migrations index it.</summary>
    string JsonText(string column, string field);
    /// <summary>This store's trade-offs (its host's settings).</summary>
    StoreTuning Tuning { get; }

    /// <summary>The JSON text in the column at <paramref name="ordinal"/> of a row, parsed.</summary>
    T? ReadJson<T>(DbDataReader row, int ordinal, JsonTypeInfo<T> type) => JsonSerializer.Deserialize(row.GetString(ordinal), type);

    /// <summary>Many rows written to <paramref name="table"/>'s <paramref name="columns"/> in the session's transaction, no ids returned: seeding and imports.</summary>
    Task BulkInsertAsync(SqlRunner db, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows) => db.InsertEachAsync(table, columns, rows);
}
