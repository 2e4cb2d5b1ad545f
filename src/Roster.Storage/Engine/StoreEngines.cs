using Roster.Domain.Abstractions;
using Roster.Domain.Limits;

namespace Roster.Storage;

public static class StoreEngines
{
    /// <summary>PostgreSQL when a connection string is given, else the SQLite file at <paramref name="sqlitePath"/>.</summary>
    public static IStoreEngine Create(string? postgresConnection, string sqlitePath, StoreTuning? tuning = null)
        => postgresConnection is { } pg ? new PostgresEngine(new PostgresStore(pg, tuning)) : new SqliteEngine(new SqliteStore(sqlitePath, tuning));

    sealed class SqliteEngine(SqliteStore store) : IStoreEngine
    {
        public IRosterStore Store => store;
        public IRateCounter RateCounter { get; } = new MemoryRateCounter(); // one node: its memory is exact
        public string Description => store.Path;
        public int SchemaVersion => SqliteStore.SchemaVersion;
        public Task MigrateAsync(bool apply, CancellationToken ct = default)
        {
            store.Migrate(); // one node owns its file: always brought up to date
            return Task.CompletedTask;
        }
        public Task<bool> PingAsync(CancellationToken ct = default) => store.PingAsync(ct);
        public bool IsUnavailable(Exception e) => false;
        public bool IsFull(Exception e) => SqliteStore.IsFull(e);
        public bool IsUnstorableText(Exception e) => false;
        public void Dispose() => store.Dispose();
    }

    sealed class PostgresEngine(PostgresStore store) : IStoreEngine
    {
        public IRosterStore Store => store;
        public IRateCounter RateCounter { get; } = store.RateCounter;
        public string Description => "PostgreSQL";
        public int SchemaVersion => PostgresStore.SchemaVersion;
        public Task MigrateAsync(bool apply, CancellationToken ct = default) => store.MigrateAsync(apply, ct);
        public Task<bool> PingAsync(CancellationToken ct = default) => store.PingAsync(ct);
        public bool IsUnavailable(Exception e) => PostgresStore.IsUnavailable(e);
        public bool IsFull(Exception e) => false;
        public bool IsUnstorableText(Exception e) => PostgresStore.IsUnstorableText(e);
        public void Dispose() => store.Dispose();
    }
}
