using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>Every <c>group.*</c> event a Groups write records reaches a real receiver, signed as Zoom signs, in Zoom's shape.</summary>
public class GroupWebhooksTests
{
    static readonly string[] GroupEvents =
        ["group.created", "group.updated", "group.deleted", "group.member_added", "group.member_deleted", "group.admin_added", "group.admin_deleted"];

    [Fact]
    public async Task EveryGroupWriteReachesTheReceiverSigned()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhooksTests.Secret);
        await using var app = WebhooksTests.App();
        using var api = await app.ApiAsync();
        var owner = (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK).Json;
        var ann = await api.CreateUser("ann@example.com");
        await WebhooksTests.Subscribe(api, receiver.Url, GroupEvents);

        var group = (await api.Post("/v2/groups", new { name = "Sales" })).Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        (await api.Patch($"/v2/groups/{group}", new { name = "Field Sales" })).Is(HttpStatusCode.NoContent);
        (await api.Post($"/v2/groups/{group}/members", new { members = new[] { new { id = ann } } })).Is(HttpStatusCode.Created);
        (await api.Post($"/v2/groups/{group}/admins", new { admins = new[] { new { email = "ann@example.com" } } })).Is(HttpStatusCode.Created);
        (await api.Delete($"/v2/groups/{group}/admins/{ann}")).Is(HttpStatusCode.NoContent);
        (await api.Delete($"/v2/groups/{group}/members/{ann}")).Is(HttpStatusCode.NoContent);
        (await api.Delete($"/v2/groups/{group}")).Is(HttpStatusCode.NoContent);

        var got = await receiver.AtLeast(7);
        Assert.Equal(GroupEvents.Order(StringComparer.Ordinal), got.Select(r => r.Event).Order(StringComparer.Ordinal));
        Assert.All(got, r =>
        {
            Assert.True(r.SignatureValid, r.Raw);
            Assert.True(r.Canonical, r.Raw);
            Assert.Equal("Zoom Marketplace/1.0a", r.UserAgent);
            var payload = r.Body["payload"]!.AsObject();
            Assert.Equal(RosterApp.AccountId, payload["account_id"]!.GetValue<string>());
            Assert.Equal(owner["email"]!.GetValue<string>(), payload["operator"]!.GetValue<string>());
            Assert.Equal(owner["id"]!.GetValue<string>(), payload["operator_id"]!.GetValue<string>());
            Assert.Equal(group, payload["object"]!["id"]!.GetValue<string>());
        });
        JsonNode Payload(string name) => got.Single(r => r.Event == name).Body["payload"]!;
        Assert.Equal("Sales", Payload("group.created")["object"]!["name"]!.GetValue<string>());
        Assert.Equal(("Field Sales", "Sales"), (Payload("group.updated")["object"]!["name"]!.GetValue<string>(), Payload("group.updated")["old_object"]!["name"]!.GetValue<string>()));
        Assert.Equal("Field Sales", Payload("group.deleted")["object"]!["name"]!.GetValue<string>());
        foreach (var (name, list) in new[] { ("group.member_added", "members"), ("group.member_deleted", "members"), ("group.admin_added", "admins"), ("group.admin_deleted", "admins") })
        {
            var who = Assert.Single(Payload(name)["object"]![list]!.AsArray())!;
            Assert.Equal((ann, "ann@example.com"), (who["id"]!.GetValue<string>(), who["email"]!.GetValue<string>()));
        }
    }
}
