using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Client.AspNetCore;
using Roster.Client.Models;
using Roster.Client.Webhooks;
using Roster.Server.Tests;

namespace Roster.Client.Tests;

/// <summary>
/// The SDK on both ends of webhooks: <c>client.Webhooks</c> subscribes a receiver built with <c>MapZoomWebhooks</c>,
/// Roster validates its URL and delivers; the receiver verifies and hands typed events to its handler.
/// </summary>
public class WebhookReceiverTests
{
    const string Secret = "sdk-receiver-secret-0123";

    static async Task<(WebApplication App, string Url, ConcurrentQueue<ZoomWebhookEvent> Got)> Receiver(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        if (clock is not null) builder.Services.AddSingleton(clock);
        var app = builder.Build();
        var got = new ConcurrentQueue<ZoomWebhookEvent>();
        app.MapZoomWebhooks("/zoom/events", Secret, (e, _) =>
        {
            got.Enqueue(e);
            return Task.CompletedTask;
        });
        await app.StartAsync();
        return (app, app.Urls.First().TrimEnd('/') + "/zoom/events", got);
    }

    [Fact]
    public async Task ASubscribedReceiverGetsTypedVerifiedEventsFromRoster()
    {
        var (receiver, url, got) = await Receiver();
        await using var _ = receiver;
        await using var roster = new RosterApp(settings: new Dictionary<string, string> { ["ROSTER_WEBHOOK_SECRET_TOKEN"] = Secret });
        using var client = new ZoomClient(roster.CreateClient(), new ZoomClientOptions
        {
            BaseUrl = new Uri(roster.Server.BaseAddress, "/v2"), AccountId = RosterApp.AccountId, ClientId = RosterApp.ClientId, ClientSecret = RosterApp.ClientSecret,
        });
        var id = await client.Webhooks.CreateAsync(new CreateEventSubscriptionRequest { Url = url, Events = ["user.created", "user.updated"] });
        var page = await client.Webhooks.ListAsync(RosterApp.AccountId);
        Assert.Equal(id, Assert.Single(page.Subscriptions).Id);

        var user = await client.Users.CreateAsync(new CreateUserRequest { Action = "custCreate", UserInfo = new() { Email = "typed@example.com", Type = 1, FirstName = "Zoë" } });
        await client.Users.UpdateAsync(user.Id, new UpdateUserRequest { Department = "Ops" });
        for (var i = 0; i < 200 && got.Count < 2; i++) await Task.Delay(50);
        var created = got.Single(e => e.Event == "user.created");
        Assert.Equal("custCreate", created.Payload.CreationType);
        Assert.Equal("Zoë", created.Payload.Object!.FirstName);
        Assert.Equal(RosterApp.AccountId, created.Payload.AccountId);
        var updated = got.Single(e => e.Event == "user.updated");
        Assert.Equal("Ops", updated.Payload.Object!.Other!["dept"].GetString());
        Assert.True(updated.Time > DateTimeOffset.UnixEpoch);

        var deliveries = await client.Webhooks.ListDeliveriesAsync(subscriptionId: id);
        for (var i = 0; i < 100 && deliveries.Deliveries.Any(d => d.State != "delivered"); i++)
        {
            await Task.Delay(50);
            deliveries = await client.Webhooks.ListDeliveriesAsync(subscriptionId: id);
        }
        Assert.Equal(["delivered", "delivered"], deliveries.Deliveries.Select(d => d.State));
        Assert.All(deliveries.Deliveries, d => Assert.Equal(200, Assert.Single(d.AttemptLog).Status));
        Assert.Equal(2, await client.Webhooks.RedeliverAsync(id, null, null));
        await client.Webhooks.DeleteAsync(id);
        Assert.Empty((await client.Webhooks.ListAsync(RosterApp.AccountId)).Subscriptions);
    }

    [Fact]
    public async Task TheEndpointRefusesWhatZoomDidNotSignAndAnswersTheChallenge()
    {
        var (receiver, url, got) = await Receiver();
        await using var _ = receiver;
        using var http = new HttpClient();
        var signer = new ZoomWebhookVerifier(Secret);
        async Task<HttpResponseMessage> Post(string body, string? secret = Secret, long? ts = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var stamp = ts ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var bytes = Encoding.UTF8.GetBytes(body);
            request.Headers.Add("x-zm-request-timestamp", stamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (secret is not null) request.Headers.Add("x-zm-signature", new ZoomWebhookVerifier(secret).Sign(stamp, bytes));
            return await http.SendAsync(request);
        }
        const string Event = """{"event":"user.deleted","event_ts":1764403200000,"payload":{"account_id":"a","object":{"id":"u","email":"x@y.z","type":1,"new_field":[1]}}}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Event, secret: "wrong-secret-000")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Event, secret: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Event, ts: DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds())).StatusCode); // replayed
        Assert.Empty(got);
        Assert.Equal(HttpStatusCode.OK, (await Post(Event)).StatusCode);
        Assert.Equal("u", Assert.Single(got).Payload.Object!.Id); // an unknown field is no problem
        var challenge = await Post("""{"event":"endpoint.url_validation","event_ts":1,"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"}}""");
        var answer = System.Text.Json.Nodes.JsonNode.Parse(await challenge.Content.ReadAsStringAsync())!;
        Assert.Equal(signer.AnswerChallenge("qgg8vlvZRS6UYooatFL8Aw").EncryptedToken, answer["encryptedToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("not json")).StatusCode);
        Assert.Single(got);
    }
}
