using System.Text.Json.Nodes;
using Roster.Domain.Events;
using Roster.Domain.Sandbox;
using Roster.Domain.Users;
using Roster.Storage;

namespace Roster.Domain.Tests;

/// <summary>
/// Typed events write exactly the JSON the outbox held before events were typed, and every stored row of that JSON
/// reads back as its record: each case below builds the data the way the services built it by hand, as a JsonObject.
/// </summary>
public sealed class EventPayloadTests
{
    static User Zoe() => new()
    {
        Id = "u1", AccountId = "acc1", Email = "zoë+1@example.com", Type = UserTypes.Licensed, RoleId = "2", VanityName = null,
        Profile = new UserProfile { FirstName = "Zoë", LastName = null, DisplayName = "Zoë <R&D>", Dept = "R&D" },
    };

    static User Moved()
    {
        var u = Zoe();
        u.Email = "zoe@example.org";
        u.Profile.LastName = "O'Neil";
        u.VanityName = "zoe.o";
        return u;
    }

    // the data as the services wrote it before events were typed
    static JsonObject Data(JsonObject o, JsonObject? old = null)
    {
        var data = new JsonObject { ["object"] = o };
        if (old is not null) data["old_object"] = old;
        return data;
    }

    static JsonObject OldOfUser(User user, JsonObject? extra = null)
    {
        var o = new JsonObject
        {
            ["id"] = user.Id, ["email"] = user.Email, ["first_name"] = user.Profile.FirstName, ["last_name"] = user.Profile.LastName, ["type"] = user.Type,
        };
        if (extra is not null) foreach (var (k, v) in extra) o[k] = v?.DeepClone();
        return Data(o);
    }

    static JsonObject OldDiff(JsonObject before, User after)
    {
        var (n, o) = Changes.Diff(before, Changes.Snapshot(after));
        n["id"] = after.Id;
        o["id"] = after.Id;
        return Data(n, o);
    }

    static readonly ClockSetting Frozen = new(TimeSpan.FromHours(3), new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    static readonly FaultDefinition[] Rules =
    [
        new("f1", new FaultSpec(FaultKind.Error, Operation: "getUser", Status: 500, Code: 5000, Message: "boom"), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
    ];

    /// <summary>(event type, data as stored before, the typed record the services record now).</summary>
    public static TheoryData<string, string, string> Cases()
    {
        var zoe = Zoe();
        var before = Changes.Snapshot(zoe);
        var created = Changes.Snapshot(zoe);
        created["creation_type"] = "ssoCreate";
        var (settingsNew, settingsOld) = Changes.DiffPatch(
            new JsonObject { ["in_meeting"] = new JsonObject { ["chat"] = true, ["polling"] = false } },
            new JsonObject { ["in_meeting"] = new JsonObject { ["chat"] = false }, ["feature"] = new JsonObject { ["meeting_capacity"] = 300 } });
        var (accountNew, accountOld) = Changes.Diff(
            new JsonObject { ["name"] = "Old", ["plan"] = "pro", ["seats"] = 10 }, new JsonObject { ["name"] = "Nouvelle €", ["plan"] = "pro", ["seats"] = 12 });
        var app = new Auth.OAuthApp { ClientId = "c1", SecretHash = "h", AccountId = "acc1", OwnerUserId = "u1", Scopes = ["user:read:admin", "user:write:admin"], Name = "Zoë's app" };
        var account = new Accounts.Account { Id = "acc2", Name = "Sub & Co", Plan = "pro", LicensedSeats = 7 };
        var user = EventUser.Of(zoe);
        (string, JsonObject, EventPayload)[] cases =
        [
            (EventTypes.UserCreated, Data(created), UserCreated.Of(zoe, "ssoCreate")),
            (EventTypes.UserUpdated, OldDiff(before, Moved()), UserUpdated.Of(before, Moved())!),
            (EventTypes.UserEmailChanged, OldDiff(before, Moved()), UserEmailChanged.Of(before, Moved())!),
            (EventTypes.UserAccountSwitched, OldDiff(before, Moved()), UserAccountSwitched.Of(before, Moved())!),
            (EventTypes.UserSettingsUpdated, Data(settingsNew.DeepClone().AsObject(), settingsOld.DeepClone().AsObject()), new UserSettingsUpdated(settingsNew, settingsOld)),
            (EventTypes.UserActivated, OldOfUser(zoe), new UserActivated(user)),
            (EventTypes.UserDeactivated, OldOfUser(zoe), new UserDeactivated(user)),
            (EventTypes.UserDeleted, OldOfUser(zoe), new UserDeleted(user)),
            (EventTypes.UserDisassociated, OldOfUser(zoe), new UserDisassociated(user)),
            (EventTypes.UserInvitationAccepted, OldOfUser(zoe), new UserInvitationAccepted(user)),
            (EventTypes.UserPasswordChanged, OldOfUser(zoe), new UserPasswordChanged(user)),
            (EventTypes.UserTokensRevoked, OldOfUser(zoe), new UserTokensRevoked(user)),
            (EventTypes.UserPictureDeleted, OldOfUser(zoe), new UserPictureDeleted(user)),
            (EventTypes.UserSignedIn, OldOfUser(zoe, new JsonObject { ["sign_in_type"] = "invitation" }), new UserSignedIn(user with { SignInType = "invitation" })),
            (EventTypes.UserSignedIn, OldOfUser(zoe, new JsonObject { ["sign_in_type"] = "oauth", ["client_id"] = "c1" }),
                new UserSignedIn(user with { SignInType = "oauth", ClientId = "c1" })),
            (EventTypes.UserSignedOut, OldOfUser(zoe, new JsonObject { ["sign_in_type"] = "client", ["client_type"] = "mac", ["version"] = "6.2.0", ["login_type"] = 101 }),
                new UserSignedOut(user with { SignInType = "client", ClientType = "mac", Version = "6.2.0", LoginType = 101 })),
            (EventTypes.UserPictureUpdated, OldOfUser(zoe, new JsonObject { ["pic_id"] = "p1" }), new UserPictureUpdated(user with { PicId = "p1" })),
            (EventTypes.UserPresenceStatusUpdated, OldOfUser(zoe, new JsonObject { ["presence_status"] = "Do_Not_Disturb" }),
                new UserPresenceStatusUpdated(user with { PresenceStatus = "Do_Not_Disturb" })),
            (EventTypes.UserAssistantsAdded, OldOfUser(zoe, new JsonObject { ["assistants"] = new JsonArray("a1", "a2") }), new UserAssistantsAdded(user with { Assistants = ["a1", "a2"] })),
            (EventTypes.UserAssistantsDeleted, OldOfUser(zoe, new JsonObject { ["assistants"] = new JsonArray("a1") }), new UserAssistantsDeleted(user with { Assistants = ["a1"] })),
            (EventTypes.UserSchedulersDeleted, OldOfUser(zoe, new JsonObject { ["schedulers"] = new JsonArray() }), new UserSchedulersDeleted(user with { Schedulers = [] })),
            (EventTypes.AccountCreated, Data(new JsonObject
            {
                ["id"] = account.Id, ["account_name"] = account.Name, ["owner_email"] = "ö@example.com", ["plan"] = account.Plan, ["seats"] = account.LicensedSeats,
            }), new AccountCreated(EventAccount.Created(account, "ö@example.com"))),
            (EventTypes.AccountUpdated, Data(accountNew.DeepClone().AsObject(), accountOld.DeepClone().AsObject()), new AccountUpdated(accountNew, accountOld)),
            (EventTypes.AccountDisassociated, Data(new JsonObject { ["id"] = account.Id, ["account_name"] = account.Name }),
                new AccountDisassociated(new EventAccount { Id = account.Id, AccountName = account.Name })),
            (EventTypes.AccountDeleted, Data(new JsonObject { ["id"] = "acc2" }), new AccountDeleted(new EventAccount { Id = "acc2" })),
            (EventTypes.AppCreated, Data(new JsonObject
            {
                ["client_id"] = app.ClientId, ["name"] = app.Name, ["type"] = app.Type, ["scopes"] = string.Join(' ', app.Scopes),
            }), new AppCreated(EventApp.Created(app))),
            (EventTypes.AppSecretRotated, Data(new JsonObject { ["client_id"] = "c1" }), new AppSecretRotated(new EventApp { ClientId = "c1" })),
            (EventTypes.StoreReplaced, new JsonObject { ["generation"] = 3L }, new StoreReplaced(3)),
            (EventTypes.ClockChanged, new JsonObject { ["object"] = Frozen.ToJson() }, ClockChanged.Of(Frozen)),
            (EventTypes.ClockChanged, new JsonObject { ["object"] = ClockSetting.RealTime.ToJson() }, ClockChanged.Of(ClockSetting.RealTime)),
            (EventTypes.FaultsChanged, new JsonObject { ["object"] = FaultDefinition.ToJson(Rules) }, FaultsChanged.Of(Rules)),
        ];
        var data = new TheoryData<string, string, string>();
        foreach (var (type, old, typed) in cases)
        {
            Assert.Equal(type, typed.EventType);
            data.Add(type, old.ToJsonString(), DomainEvent.Of("acc1", "u1", typed).Data.ToJsonString());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ARecordWritesTheBytesStoredBeforeAndAStoredRowReadsAsItsRecord(string type, string stored, string written)
    {
        Assert.Equal(stored, written);
        var row = new DomainEvent(type, "acc1", "u1", JsonNode.Parse(stored)!.AsObject());
        var payload = row.Payload;
        Assert.NotNull(payload);
        Assert.Equal(EventPayload.RecordOf(type), payload.GetType());
        Assert.Equal(stored, payload.ToData().ToJsonString());
    }

    [Fact]
    public void EveryEventTypeHasOneRecordAndEveryRecordOneType()
    {
        var constants = typeof(EventTypes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order();
        Assert.Equal(constants, EventPayload.All.Keys.Order());
        Assert.Equal(EventPayload.All.Count, EventPayload.All.Values.Distinct().Count());
        Assert.All(EventPayload.All, p => Assert.True(p.Value.IsSealed && p.Value.IsSubclassOf(typeof(EventPayload)), p.Key));
    }

    [Fact]
    public void TypedFieldsReadFromOldRows()
    {
        static DomainEvent Row(string type, string json) => new(type, "acc1", "u1", JsonNode.Parse(json)!.AsObject());
        var created = Row(EventTypes.UserCreated, """{"object":{"first_name":"Zo\u00EB","id":"u1","email":"z@example.com","type":1,"creation_type":"custCreate"}}""");
        Assert.Equal("custCreate", created.As<UserCreated>()!.CreationType);
        Assert.Equal("create", Row(EventTypes.UserCreated, """{"object":{"id":"u1"}}""").As<UserCreated>()!.CreationType);
        var signIn = Row(EventTypes.UserSignedIn,
            """{"object":{"id":"u1","email":"z@example.com","first_name":"Zo\u00EB","last_name":null,"type":2,"sign_in_type":"client","client_type":"win","version":"6.1.0","login_type":101}}""");
        Assert.Equal(("Zoë", null, 2, "win", "6.1.0", 101), (signIn.As<UserSignedIn>()!.Object.FirstName, signIn.As<UserSignedIn>()!.Object.LastName,
            signIn.As<UserSignedIn>()!.Object.Type, signIn.As<UserSignedIn>()!.Object.ClientType, signIn.As<UserSignedIn>()!.Object.Version, signIn.As<UserSignedIn>()!.Object.LoginType));
        Assert.Null(signIn.As<UserSignedOut>());
        Assert.True(signIn.Is<UserSignedIn>());
        Assert.Equal(["a1", "a2"], Row(EventTypes.UserAssistantsAdded, """{"object":{"id":"u1","email":"z@example.com","first_name":null,"last_name":null,"type":1,"assistants":["a1","a2"]}}""")
            .As<UserAssistantsAdded>()!.Object.Assistants!);
        Assert.Equal(7L, Row(EventTypes.StoreReplaced, """{"generation":7}""").As<StoreReplaced>()!.Generation);
        Assert.Equal(Frozen, Row(EventTypes.ClockChanged, new JsonObject { ["object"] = Frozen.ToJson() }.ToJsonString()).As<ClockChanged>()!.Setting);
        Assert.Equal(Rules, Row(EventTypes.FaultsChanged, new JsonObject { ["object"] = FaultDefinition.ToJson(Rules) }.ToJsonString()).As<FaultsChanged>()!.Rules);
        Assert.Equal(12, Row(EventTypes.AccountCreated, """{"object":{"id":"a","account_name":"A","owner_email":"o@example.com","plan":"pro","seats":12}}""")
            .As<AccountCreated>()!.Object.Seats);
        // a type this build does not know (a newer build's) has no record, and is still an event
        Assert.Null(Row("meeting.created", """{"object":{"id":"m1"}}""").Payload);
        Assert.Equal("Sales", Row(EventTypes.GroupUpdated, """{"object":{"id":"g1","name":"Sales EMEA"},"old_object":{"id":"g1","name":"Sales"}}""")
            .As<GroupUpdated>()!.OldObject.Name);
    }

    [Fact]
    public async Task AnOldRowInTheStoreReadsAsItsRecord()
    {
        var dir = Roster.Server.Tests.TestTemp.NewFolder("roster-event-rows");
        try
        {
            using var store = new SqliteStore(Path.Combine(dir, "roster.db"));
            store.Migrate();
            // as the services appended it before events were typed: the data built by hand
            var old = new DomainEvent(EventTypes.UserPresenceStatusUpdated, "acc1", "u1", OldOfUser(Zoe(), new JsonObject { ["presence_status"] = "Away" })) { Id = "e1" };
            await store.WriteAsync(async s => { await s.AppendEventAsync(old); return true; });
            var read = Assert.Single(await store.ReadAsync(s => s.ListEventsAsync("acc1", EventPosition.Start, 10)));
            var presence = read.As<UserPresenceStatusUpdated>();
            Assert.NotNull(presence);
            Assert.Equal(("u1", "zoë+1@example.com", "Away"), (presence.Object.Id, presence.Object.Email, presence.Object.PresenceStatus));
            Assert.Equal(old.Data.ToJsonString(), DomainEvent.Of(Zoe(), presence).Data.ToJsonString());
        }
        finally
        {
            Roster.Server.Tests.TestTemp.Delete(dir);
        }
    }
}
