namespace Roster.Domain.Abstractions;

/// <summary>
/// The store as the domain sees it. Every operation runs in one session: a read session sees one
/// consistent snapshot, a write session is one transaction that commits only if the work returns
/// (a <see cref="Errors.ZoomException"/> or any other exception rolls everything back).
/// </summary>
public interface IRosterStore
{
    Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default);
    Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default);
}
