using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Events;
using Roster.Domain.Limits;
using Roster.Domain.Users;
using Roster.Storage;

namespace Roster.Domain.Tests;

/// <summary>A node's follower of the outbox, on the real SQLite store: every committed event once, in order; a replaced state forgotten.</summary>
public sealed class StoreFollowerTests : IDisposable
{
    sealed class Recorder : IFollowsStore
    {
        public readonly List<DomainEvent> Seen = [];
        public int Forgotten;
        public void Apply(DomainEvent e) => Seen.Add(e);
        public ValueTask ForgetAsync(CancellationToken ct)
        {
            Forgotten++;
            Seen.Clear();
            return ValueTask.CompletedTask;
        }
    }

    readonly string _dir = Roster.Server.Tests.TestTemp.NewFolder("roster-follower");
    readonly SqliteStore _store;
    readonly StillClock _clock = new();
    readonly BootstrapService _bootstrap;
    readonly UsersService _users;

    public StoreFollowerTests()
    {
        _store = new SqliteStore(Path.Combine(_dir, "roster.db"));
        _store.Migrate();
        _bootstrap = new BootstrapService(_store, _clock, new AppsService(_store, _clock));
        var keys = new RosterKeys(_bootstrap.SigningKeyAsync().GetAwaiter().GetResult());
        _users = new UsersService(_store, _clock, keys, new RateLimiter(new RateLimitOptions(RateLimitMode.Off, 1), _clock, new MemoryRateCounter()));
    }

    public void Dispose()
    {
        _store.Dispose();
        Roster.Server.Tests.TestTemp.Delete(_dir);
    }

    async Task<Caller> BootAsync()
    {
        var boot = await _bootstrap.BootstrapAsync(new BootstrapRequest(null, null, null));
        return new Caller(boot.Account.Id, boot.Owner.Id, boot.App.ClientId, Operations.AllAdminScopes.ToHashSet());
    }

    Task<string> Create(Caller admin, string email)
        => _users.CreateAsync(admin, new CreateUserRequest { Action = "custCreate", UserInfo = new NewUserInfo { Email = email, Type = 1 } })
            .ContinueWith(t => t.Result.User.Id);

    [Fact]
    public async Task StartsAtTheLatestEventThenHandsOnEachLaterOneOnceInOrder()
    {
        var admin = await BootAsync(); // history before the node started: not replayed
        var recorder = new Recorder();
        var follower = new StoreFollower(_store, [recorder]);
        Assert.Equal(0, await follower.CatchUpAsync());
        Assert.Equal(1, follower.Generation);

        var a = await Create(admin, "a@example.com");
        var b = await Create(admin, "b@example.com");
        await _users.UpdateAsync(admin, a, new UserUpdate { Dept = "Ops" });
        Assert.Equal(3, await follower.CatchUpAsync());
        Assert.Equal(0, await follower.CatchUpAsync()); // nothing twice
        Assert.Equal([("user.created", a), ("user.created", b), ("user.updated", a)], recorder.Seen.Select(e => (e.Type, e.SubjectId!)));
        Assert.Equal(recorder.Seen[^1].Position, follower.Position);
        Assert.Equal(0, recorder.Forgotten);
    }

    [Fact]
    public async Task EventsAppliedHereAreNotHandedOnAgainWhenReadBack()
    {
        var admin = await BootAsync();
        var recorder = new Recorder();
        var follower = new StoreFollower(_store, [recorder]);
        await follower.CatchUpAsync();
        var accounts = new TestAccountsService(_store, _clock, new AppsService(_store, _clock));
        var testAccount = await accounts.CreateTestAccountAsync("gone");
        var deleted = await accounts.DeleteTestAccountAsync(testAccount.Account.Id);
        await follower.AppliedHereAsync(deleted); // the deleting node, at once
        Assert.Equal([("account.deleted", testAccount.Account.Id)], recorder.Seen.Select(e => (e.Type, e.SubjectId!)));
        var b = await Create(admin, "later@example.com");
        await follower.CatchUpAsync(); // account.deleted is read back and skipped (the account's own history went with it)
        Assert.Equal([("account.deleted", testAccount.Account.Id), ("user.created", b)], recorder.Seen.Select(e => (e.Type, e.SubjectId!)));
    }

    [Fact]
    public async Task AReplacedStateIsForgottenAndOnlyWhatFollowsItIsHandedOn()
    {
        var admin = await BootAsync();
        var recorder = new Recorder();
        var follower = new StoreFollower(_store, [recorder]);
        await follower.CatchUpAsync();
        await Create(admin, "before@example.com"); // committed, not yet read when the state is replaced

        await _store.WriteAsync(async s => await StoreGeneration.AdvanceAsync(s, _clock.Now, "replaced-1"));
        var after = await Create(admin, "after@example.com");
        await follower.CatchUpAsync();

        Assert.Equal(1, recorder.Forgotten);
        Assert.Equal(2, follower.Generation);
        Assert.Equal([("user.created", after)], recorder.Seen.Select(e => (e.Type, e.SubjectId!)));
    }

    [Fact]
    public void PositionsReadBackAsTheyAreWritten()
    {
        foreach (var p in new[] { EventPosition.Start, new EventPosition(0, 42), new EventPosition(7_000_000_123, 9) })
        {
            Assert.True(EventPosition.TryParse(p.ToString(), out var back));
            Assert.Equal(p, back);
        }
        Assert.True(EventPosition.TryParse(null, out var start));
        Assert.Equal(EventPosition.Start, start);
        foreach (var bad in new[] { "x", "-1", "1-", "-", "1-2-3", "1.5", " 1" })
            Assert.False(EventPosition.TryParse(bad, out _), bad);
        Assert.True(new EventPosition(1, 1).CompareTo(new EventPosition(0, 99)) > 0);
    }

    [Fact]
    public async Task RateWindowsInMemoryStartAfreshWhenTheStateIsReplaced()
    {
        var counter = new MemoryRateCounter();
        Assert.Equal(1, await counter.TryTakeAsync("k", 10, 1));
        Assert.Equal(-1, await counter.TryTakeAsync("k", 10, 1));
        await ((IFollowsStore)counter).ForgetAsync(default);
        Assert.Equal(1, await counter.TryTakeAsync("k", 10, 1));
    }
}
