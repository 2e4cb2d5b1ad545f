using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Limits;
using Roster.Domain.Users;
using Roster.Storage;

namespace Roster.Domain.Tests;

/// <summary>Counts the password hashes computed while a write transaction is open (there must be none).</summary>
sealed class WatchedStore(IRosterStore inner, PasswordHasher hasher) : IRosterStore
{
    public long HashesInsideWrites;

    public Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default) => inner.ReadAsync(work, ct);

    public Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default)
        => inner.WriteAsync(async s =>
        {
            var before = hasher.Computations;
            try { return await work(s); }
            finally { Interlocked.Add(ref HashesInsideWrites, hasher.Computations - before); }
        }, ct);
}

/// <summary>
/// Password hashing is slow (hundreds of ms); it must never run inside the store's write transaction (on SQLite
/// that would stall every other write) nor for a caller who has not passed the cheap checks.
/// </summary>
public sealed class PasswordWorkTests : IDisposable
{
    readonly string _dir = Roster.Server.Tests.TestTemp.NewFolder("roster-domain");
    readonly SqliteStore _sqlite;
    readonly WatchedStore _store;
    readonly AppsService _apps;
    readonly BootstrapService _bootstrap;
    readonly SubAccountsService _subAccounts;
    readonly UsersService _users;
    readonly UserOAuthService _oauth;
    readonly PasswordHasher _hasher = new();

    public PasswordWorkTests()
    {
        _sqlite = new SqliteStore(Path.Combine(_dir, "roster.db"));
        _sqlite.Migrate();
        _store = new WatchedStore(_sqlite, _hasher);
        _apps = new AppsService(_store, TimeProvider.System);
        _bootstrap = new BootstrapService(_store, TimeProvider.System, _apps, passwords: _hasher);
        _subAccounts = new SubAccountsService(_store, TimeProvider.System, passwords: _hasher);
        var keys = new RosterKeys(_bootstrap.SigningKeyAsync().GetAwaiter().GetResult());
        _users = new UsersService(_store, TimeProvider.System, keys, new RateLimiter(new RateLimitOptions(RateLimitMode.Off, 1), TimeProvider.System, new MemoryRateCounter()),
            passwords: _hasher);
        _oauth = new UserOAuthService(_store, TimeProvider.System, _hasher);
    }

    public void Dispose()
    {
        _sqlite.Dispose();
        Roster.Server.Tests.TestTemp.Delete(_dir);
    }

    [Fact]
    public async Task NoPathHashesInsideAWriteTransaction()
    {
        var boot = await _bootstrap.BootstrapAsync(new BootstrapRequest(null, null, null));
        var admin = new Caller(boot.Account.Id, boot.Owner.Id, boot.App.ClientId, Operations.AllAdminScopes.ToHashSet());

        var created = await _users.CreateAsync(admin, new CreateUserRequest
        {
            Action = CreateActions.AutoCreate,
            UserInfo = new NewUserInfo { Email = "auto@example.com", Type = UserTypes.Basic, Password = "Fir5tPassw" },
        });
        await _users.SetPasswordAsync(admin, created.User.Id, new PasswordRequest { Password = "Secon6Passw" });
        await _users.SetPasswordAsync(admin, created.User.Id, new PasswordRequest { Password = "Thir7Passw" });
        Assert.Equal(1129, (await Assert.ThrowsAsync<ZoomException>(() =>
            _users.SetPasswordAsync(admin, created.User.Id, new PasswordRequest { Password = "Fir5tPassw" }))).Error.Code);

        var invited = await _users.CreateAsync(admin, new CreateUserRequest
        {
            Action = CreateActions.Create, UserInfo = new NewUserInfo { Email = "invitee@example.com", Type = UserTypes.Basic },
        });
        await _users.AcceptInvitationAsync(invited.InvitationToken!, "Invit3dPassw");

        await _subAccounts.CreateSubAccountAsync(admin, new CreateAccountRequest
        {
            FirstName = "Sub", LastName = "Owner", Email = "sub@tenant.test", Password = "Sub0wnerPass",
        });

        var (app, _) = await _apps.CreateAppAsync(admin, null, ["user:read"], OAuthAppTypes.User, ["https://app.test/cb"]);
        await _oauth.AuthorizeAsync(app.ClientId, "https://app.test/cb", "auto@example.com", "Thir7Passw", null, null);

        Assert.True(_hasher.Computations > 0);
        Assert.Equal(0, _store.HashesInsideWrites);
    }

    [Fact]
    public async Task AnUnknownInvitationTokenIsRefusedBeforeAnyHashing()
    {
        await _bootstrap.BootstrapAsync(new BootstrapRequest(null, null, null));
        var before = _hasher.Computations;
        // a weak password would be 1124 if the policy came first; the token is checked before anything else
        Assert.Equal(1120, (await Assert.ThrowsAsync<ZoomException>(() => _users.AcceptInvitationAsync("no-such-token", "x"))).Error.Code);
        Assert.Equal(1120, (await Assert.ThrowsAsync<ZoomException>(() => _users.AcceptInvitationAsync("no-such-token", "Str0ngPassw"))).Error.Code);
        Assert.Equal(before, _hasher.Computations);
    }
}
