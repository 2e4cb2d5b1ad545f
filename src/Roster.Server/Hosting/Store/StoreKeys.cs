using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Events;

namespace Roster.Server.Hosting;

/// <summary>The store's signing keys as this node holds them: read again when the state is replaced.</summary>
public sealed class StoreKeys(BootstrapService bootstrap, RosterKeys keys) : IFollowsStore
{
    public async Task LoadAsync(CancellationToken ct = default) => keys.Load(await bootstrap.SigningKeyAsync(ct));
    public async ValueTask ForgetAsync(CancellationToken ct) => await LoadAsync(ct);
}
