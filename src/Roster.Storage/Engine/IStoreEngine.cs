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
