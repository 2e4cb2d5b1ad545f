using Roster.Domain.Abstractions;
using Roster.Domain.Limits;

namespace Roster.Storage;

/// <summary>
/// One engine behind the store, as the host sees it: the store, its health, its rate counter, its migrations and
/// how to read its errors. The host picks an engine once (<see cref="StoreEngines.Create"/>) and knows no other type.
/// </summary>
public interface IStoreEngine : IStoreHealth, IDisposable
{
    IRosterStore Store { get; }
    /// <summary>Where rate windows are counted: the node's memory (one SQLite node) or the shared store.</summary>
    IRateCounter RateCounter { get; }
    string Description { get; }
    int SchemaVersion { get; }
    /// <summary>Applies (or with <paramref name="apply"/> false only checks) the schema; <see cref="SchemaMismatchException"/> when it cannot serve.</summary>
    Task MigrateAsync(bool apply, CancellationToken ct = default);
    /// <summary>The store cannot be reached (answer 503 and retry), as opposed to a fault of the request.</summary>
    bool IsUnavailable(Exception e);
    /// <summary>The store's disk is full: the write was refused whole (answer 503 and retry once space returns).</summary>
    bool IsFull(Exception e);
    /// <summary>The request carried text this engine cannot hold (a NUL character): the request's fault.</summary>
    bool IsUnstorableText(Exception e);
}

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

/// <summary>
/// Choices of the store's queries that trade one cost for another; the answers are the same either way. Settings of
/// the host (<c>StoreTuning:BrowseCandidates</c>), given to the store it opens.
/// </summary>
/// <param name="BrowseCandidates">Above this many index entries matching a console search, the user list walks the
/// account's users in order and stops at the page's end, instead of collecting every match first. Tests lower it to
/// cover both ways.</param>
public sealed record StoreTuning(int BrowseCandidates = 100_000);
