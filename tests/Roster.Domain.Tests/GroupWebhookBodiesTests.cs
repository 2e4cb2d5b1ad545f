using Roster.Domain.Events;
using Roster.Domain.Users;
using Roster.Domain.Webhooks;

namespace Roster.Domain.Tests;

/// <summary>Group events become Zoom's <c>group.*</c> bodies (zoom-groups.md §4); a primary group's change is a <c>user.updated</c>.</summary>
public class GroupWebhookBodiesTests
{
    static readonly DateTimeOffset At = new(2026, 11, 29, 12, 0, 0, 123, TimeSpan.Zero);

    static System.Text.Json.Nodes.JsonObject Body(DomainEvent e) => WebhookBodies.For(e with { OccurredAt = At, OperatorId = "op1" }, "admin@example.com")!;

    [Fact]
    public void GroupEventsCarryZoomsObjects()
    {
        var created = Body(DomainEvent.Of("acc1", "g1", new GroupCreated(new EventGroup { Id = "g1", Name = "Sales" })));
        Assert.Equal("group.created", created["event"]!.GetValue<string>());
        Assert.Equal(["account_id", "operator", "operator_id", "time_stamp", "object"], created["payload"]!.AsObject().Select(p => p.Key));
        Assert.Equal("""{"id":"g1","name":"Sales"}""", created["payload"]!["object"]!.ToJsonString());
        Assert.Equal(At.ToUnixTimeMilliseconds(), created["payload"]!["time_stamp"]!.GetValue<long>());

        var updated = Body(DomainEvent.Of("acc1", "g1", new GroupUpdated(new EventGroup { Id = "g1", Name = "B" }, new EventGroup { Id = "g1", Name = "A" })));
        Assert.Equal("""{"id":"g1","name":"A"}""", updated["payload"]!["old_object"]!.ToJsonString());

        var deleted = Body(DomainEvent.Of("acc1", "g1", new GroupDeleted(new EventGroup { Id = "g1", Name = "B" })));
        Assert.Equal("group.deleted", deleted["event"]!.GetValue<string>());

        var added = Body(DomainEvent.Of("acc1", "g1", new GroupMemberAdded(new EventGroupMembers("g1", [new("u1", "a@example.com"), new("u2", "b@example.com")]))));
        Assert.Equal("""{"id":"g1","members":[{"id":"u1","email":"a@example.com"},{"id":"u2","email":"b@example.com"}]}""", added["payload"]!["object"]!.ToJsonString());
        var removed = Body(DomainEvent.Of("acc1", "g1", new GroupMemberDeleted(new EventGroupMembers("g1", [new("u1", "a@example.com")]))));
        Assert.Equal("group.member_deleted", removed["event"]!.GetValue<string>());
        var admin = Body(DomainEvent.Of("acc1", "g1", new GroupAdminAdded(new EventGroupAdmins("g1", [new("u1", "a@example.com")]))));
        Assert.Equal("""{"id":"g1","admins":[{"id":"u1","email":"a@example.com"}]}""", admin["payload"]!["object"]!.ToJsonString());
        Assert.Equal("group.admin_deleted", Body(DomainEvent.Of("acc1", "g1", new GroupAdminDeleted(new EventGroupAdmins("g1", [new("u1", "a@example.com")]))))["event"]!.GetValue<string>());
    }

    [Fact]
    public void APrimaryGroupChangeIsAUserUpdatedWithPrimaryGroupId()
    {
        User Ann(params string[] groups) => new() { Id = "u1", AccountId = "acc1", Email = "ann@example.com", Profile = new UserProfile { GroupIds = [.. groups] } };
        var body = Body(Changes.UserChanged(EventTypes.UserUpdated, Changes.Snapshot(Ann("g1", "g2")), Ann("g2", "g1"))!);
        Assert.Equal("user.updated", body["event"]!.GetValue<string>());
        Assert.Equal("""{"id":"u1","primary_group_id":"g2"}""", body["payload"]!["object"]!.ToJsonString());
        Assert.Equal("""{"id":"u1","primary_group_id":"g1"}""", body["payload"]!["old_object"]!.ToJsonString());
        // joining a second group leaves the primary as it is: nothing Zoom reports changed
        Assert.Null(WebhookBodies.For(Changes.UserChanged(EventTypes.UserUpdated, Changes.Snapshot(Ann("g1")), Ann("g1", "g2"))!, null));
    }
}
