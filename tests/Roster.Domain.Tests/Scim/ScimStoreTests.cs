using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Scim;
using Roster.Storage;

namespace Roster.Domain.Tests;

/// <summary>SCIM's rules against a real SQLite store: the scopes a store from before SCIM gains, and the SSO prerequisite.</summary>
public sealed class ScimStoreTests : IDisposable
{
    readonly string _dir = Roster.Server.Tests.TestTemp.NewFolder("roster-scim");
    readonly SqliteStore _store;
    readonly AppsService _apps;
    readonly BootstrapService _bootstrap;

    public ScimStoreTests()
    {
        _store = new SqliteStore(Path.Combine(_dir, "roster.db"));
        _store.Migrate();
        _apps = new AppsService(_store, TimeProvider.System);
        _bootstrap = new BootstrapService(_store, TimeProvider.System, _apps);
    }

    public void Dispose()
    {
        _store.Dispose();
        Roster.Server.Tests.TestTemp.Delete(_dir);
    }

    [Fact]
    public async Task AStoreFromBeforeScimGivesItsFirstStartAppScim2Once()
    {
        var boot = await _bootstrap.BootstrapAsync(new BootstrapRequest(null, null, null));
        Assert.Contains("scim2", boot.App.Scopes);
        Assert.Contains("scim2:admin", boot.App.Scopes);
        // as a store written before SCIM holds it: every admin scope but these two
        string[] before = [.. Operations.AllAdminScopes.Except(Operations.ScimScopes)];
        await _store.WriteAsync(async s => { await s.UpdateAppScopesAsync(boot.App.ClientId, before); return 0; });
        var next = await _bootstrap.BootstrapAsync(new BootstrapRequest(null, null, null));
        Assert.Equal(Operations.AllAdminScopes.Order(), next.App.Scopes.Order());
        Assert.Equal(Operations.AllAdminScopes.Order(), (await _store.ReadAsync(s => s.GetAppAsync(boot.App.ClientId)))!.Scopes.Order());
        // an app narrowed on purpose is left as it is
        await _store.WriteAsync(async s => { await s.UpdateAppScopesAsync(boot.App.ClientId, ["user:read:admin"]); return 0; });
        Assert.Equal(["user:read:admin"], (await _bootstrap.BootstrapAsync(new BootstrapRequest(null, null, null))).App.Scopes);
    }

    [Fact]
    public void SsoIsEnabledByAManagedDomainOrSsoPreProvisioning()
    {
        Assert.False(ScimUsersService.SsoEnabled(new Account { Id = "a", Name = "n" }));
        Assert.True(ScimUsersService.SsoEnabled(new Account { Id = "a", Name = "n", ManagedDomains = ["x.test"] }));
        Assert.True(ScimUsersService.SsoEnabled(new Account { Id = "a", Name = "n", SsoPreProvisioning = true }));
    }
}
