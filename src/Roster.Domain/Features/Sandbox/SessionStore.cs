using Roster.Domain.Abstractions;

namespace Roster.Domain.Sandbox;

/// <summary>A store whose reads and writes all run in one session already open: what lets a seed use the domain services in one transaction.</summary>
sealed class SessionStore(IStoreSession session) : IRosterStore
{
    public Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default) => work(session);
    public Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default) => work(session);
}
