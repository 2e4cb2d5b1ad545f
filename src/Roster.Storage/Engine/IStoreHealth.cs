
namespace Roster.Storage;

/// <summary>Whether the store answers (for readiness probes).</summary>
public interface IStoreHealth
{
    Task<bool> PingAsync(CancellationToken ct = default);
}
