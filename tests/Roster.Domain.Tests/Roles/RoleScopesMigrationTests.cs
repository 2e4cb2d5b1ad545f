using Microsoft.Data.Sqlite;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Storage;

namespace Roster.Domain.Tests.AccountRoles;

/// <summary>
/// A store made before roles: the roles migration gives the Server-to-Server apps a first start made the role scopes
/// (classic and granular), and leaves narrower apps and user-level apps as they were.
/// </summary>
public sealed class RoleScopesMigrationTests : IDisposable
{
    readonly string _dir = Roster.Server.Tests.TestTemp.NewFolder("roster-role-scopes");

    public void Dispose() => Roster.Server.Tests.TestTemp.Delete(_dir);

    // what a first start made before the roles migration (after the groups one) held
    static readonly string[] OldAdminScopes =
        ["user:read:admin", "user:write:admin", "user:master", "account:master", "account:read:admin", "account:write:admin", "user:read:zak:admin", .. Roster.Domain.Groups.GroupOperations.AppScopes];

    /// <summary>The roles migration's number (0016): the store is put back to the version before it, whatever came after.</summary>
    const int RolesMigration = 16;

    [Fact]
    public async Task AppsOfAnEarlierFirstStartGetTheRoleScopes()
    {
        var file = Path.Combine(_dir, "roster.db");
        string primary;
        using (var store = new SqliteStore(file))
        {
            store.Migrate();
            var clock = new StillClock();
            var apps = new AppsService(store, clock);
            primary = (await new BootstrapService(store, clock, apps).BootstrapAsync(new BootstrapRequest(null, null, null))).App.ClientId;
        }
        // back to the schema before the roles migration, with the apps as an earlier start left them
        await using (var c = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"""
                DROP INDEX ix_users_role_seq; DROP TABLE roles; DROP TABLE group_settings;
                UPDATE oauth_apps SET scopes = '{string.Join(' ', OldAdminScopes)}';
                INSERT INTO oauth_apps (client_id, secret_hash, account_id, owner_user_id, scopes, name, active, created_at, app_type, redirect_uris, webhook_secret)
                SELECT 'narrow', secret_hash, account_id, owner_user_id, 'user:read:admin', name, active, created_at, 's2s', '', webhook_secret FROM oauth_apps WHERE client_id = '{primary}';
                INSERT INTO oauth_apps (client_id, secret_hash, account_id, owner_user_id, scopes, name, active, created_at, app_type, redirect_uris, webhook_secret)
                SELECT 'userlevel', secret_hash, account_id, owner_user_id, 'user:read user:write', name, active, created_at, 'user', 'http://localhost/cb', webhook_secret FROM oauth_apps WHERE client_id = '{primary}';
                PRAGMA user_version = {RolesMigration - 1};
                """;
            await cmd.ExecuteNonQueryAsync();
        }
        using (var store = new SqliteStore(file))
        {
            store.Migrate();
            var app = await store.ReadAsync(s => s.GetAppAsync(primary));
            // the roles migration's scopes, then what later migrations (group settings) add after them
            Assert.Equal([.. OldAdminScopes, .. Operations.RoleAdminScopes, .. Roster.Domain.Groups.GroupSettingsOperations.AppScopes], app!.Scopes);
            Assert.Equal(["user:read:admin"], (await store.ReadAsync(s => s.GetAppAsync("narrow")))!.Scopes);
            Assert.Equal(["user:read", "user:write"], (await store.ReadAsync(s => s.GetAppAsync("userlevel")))!.Scopes);
            // a first start made now holds the same, and the SCIM scopes (which no migration gives)
            Assert.Equal(app.Scopes, Operations.AllAdminScopes.Where(sc => !sc.StartsWith("scim2", StringComparison.Ordinal)));
            Assert.Empty(await store.ReadAsync(s => s.ListRolesAsync(app.AccountId)));
        }
        SqliteConnection.ClearAllPools();
    }
}
