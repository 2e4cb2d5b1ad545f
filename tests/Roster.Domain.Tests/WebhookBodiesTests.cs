using System.Text.Json.Nodes;
using Roster.Domain.Events;
using Roster.Domain.Users;
using Roster.Domain.Webhooks;

namespace Roster.Domain.Tests;

/// <summary>Recorded changes become Zoom's webhook bodies, in the shapes zoom-webhooks.md §4 documents.</summary>
public class WebhookBodiesTests
{
    static readonly DateTimeOffset At = new(2026, 11, 29, 12, 0, 0, 123, TimeSpan.Zero);

    static User Ada() => new()
    {
        Id = "u1", AccountId = "acc1", Email = "ada@example.com", Type = UserTypes.Licensed,
        Profile = new UserProfile { FirstName = "Ada", LastName = "Lovelace", DisplayName = "Ada Lovelace", Dept = "R&D" },
    };

    static JsonObject Body(DomainEvent e) => WebhookBodies.For(e with { OccurredAt = At, OperatorId = "op1" }, "admin@example.com")!;

    static void Keys(JsonNode? o, params string[] keys) => Assert.Equal(keys, o!.AsObject().Select(p => p.Key));

    [Fact]
    public void CreatedCarriesTheCreationTypeAndWhoIsNew()
    {
        var created = Changes.Snapshot(Ada());
        created["creation_type"] = "custCreate";
        var body = Body(new DomainEvent(EventTypes.UserCreated, "acc1", "u1", Changes.Data(created)));
        Assert.Equal("user.created", body["event"]!.GetValue<string>());
        Assert.Equal(At.ToUnixTimeMilliseconds(), body["event_ts"]!.GetValue<long>());
        var payload = body["payload"]!;
        Keys(payload, "account_id", "operator", "operator_id", "creation_type", "object");
        Assert.Equal(("acc1", "admin@example.com", "op1", "custCreate"), (payload["account_id"]!.GetValue<string>(), payload["operator"]!.GetValue<string>(),
            payload["operator_id"]!.GetValue<string>(), payload["creation_type"]!.GetValue<string>()));
        Keys(payload["object"], "id", "email", "type", "first_name", "last_name", "display_name");
    }

    [Fact]
    public void UpdatesCarryOnlyWhatZoomReportsAndTheOldValues()
    {
        var before = Changes.Snapshot(Ada());
        var after = Ada();
        after.Profile.Dept = "Ops";
        after.Status = UserStatuses.Inactive; // not a user.updated field of Zoom's
        var body = Body(Changes.UserChanged(EventTypes.UserUpdated, before, after)!)["payload"]!;
        Keys(body, "account_id", "operator", "operator_id", "time_stamp", "object", "old_object");
        Assert.Equal("""{"id":"u1","dept":"Ops"}""", body["object"]!.ToJsonString());
        Assert.Equal("""{"id":"u1","dept":"R&D"}""", CanonicalJson.ToText(body["old_object"]));

        // a change of nothing Zoom reports sends nothing
        var statusOnly = Ada();
        statusOnly.Status = UserStatuses.Inactive;
        Assert.Null(WebhookBodies.For(Changes.UserChanged(EventTypes.UserUpdated, Changes.Snapshot(Ada()), statusOnly)!, null));

        // an e-mail change is a user.updated; a password change one with Zoom's operation
        var moved = Ada();
        moved.Email = "ada.l@example.com";
        var email = Body(Changes.UserChanged(EventTypes.UserEmailChanged, Changes.Snapshot(Ada()), moved)!);
        Assert.Equal("user.updated", email["event"]!.GetValue<string>());
        Assert.Equal("""{"id":"u1","email":"ada.l@example.com"}""", email["payload"]!["object"]!.ToJsonString());
        var password = Body(Changes.OfUser(EventTypes.UserPasswordChanged, Ada()))["payload"]!;
        Assert.Equal("change_password", password["operation"]!.GetValue<string>());
        Keys(password["object"], "id");
        Assert.Equal("sign_out_from_all_devices", Body(Changes.OfUser(EventTypes.UserTokensRevoked, Ada()))["payload"]!["operation"]!.GetValue<string>());
    }

    [Fact]
    public void WholeUserEventsCarryTheFieldsZoomRequires()
    {
        foreach (var type in new[] { EventTypes.UserActivated, EventTypes.UserDeactivated, EventTypes.UserDisassociated })
        {
            var payload = Body(Changes.OfUser(type, Ada()))["payload"]!;
            Keys(payload, "account_id", "operator", "operator_id", "object");
            Keys(payload["object"], "id", "first_name", "last_name", "email", "type");
        }
        Keys(Body(Changes.OfUser(EventTypes.UserDeleted, Ada()))["payload"]!["object"], "id", "email", "type", "first_name", "last_name");
        var accepted = Body(Changes.OfUser(EventTypes.UserInvitationAccepted, Ada()))["payload"]!;
        Keys(accepted, "account_id", "object"); // no operator: the user did it
        Keys(accepted["object"], "id", "email", "type", "first_name", "last_name");
    }

    [Fact]
    public void SettingsUpdatesCarryTheChangedLeavesAndTheirOldValues()
    {
        var changed = new JsonObject { ["in_meeting"] = new JsonObject { ["chat"] = false } };
        var previous = new JsonObject { ["in_meeting"] = new JsonObject { ["chat"] = true } };
        var payload = Body(new DomainEvent(EventTypes.UserSettingsUpdated, "acc1", "u1", Changes.Data(changed, previous)))["payload"]!;
        Assert.Equal("""{"id":"u1","settings":{"in_meeting":{"chat":false}}}""", payload["object"]!.ToJsonString());
        Assert.Equal("""{"id":"u1","settings":{"in_meeting":{"chat":true}}}""", payload["old_object"]!.ToJsonString());
    }

    [Fact]
    public void ChangesZoomSendsNoWebhookForGiveNone()
    {
        foreach (var type in new[] { EventTypes.UserPictureUpdated, EventTypes.UserAssistantsAdded, EventTypes.AccountCreated, EventTypes.ClockChanged })
            Assert.Null(WebhookBodies.For(Changes.OfUser(type, Ada()), null));
    }
}
