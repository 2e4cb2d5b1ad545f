using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Roster.Domain.Webhooks;

namespace Roster.Server.Tests;

/// <summary>One request the receiver got: the event, its body, and whether the signature and the body's bytes passed.</summary>
public sealed record Received(string Event, JsonObject Body, string Raw, bool SignatureValid, bool Canonical, string? TrackingId, string? UserAgent, string? ContentType);

/// <summary>
/// A webhook receiver as an integrator writes one, in a real Kestrel on loopback: it answers Zoom's URL validation,
/// checks each request's signature over the exact bytes (with the 5-minute tolerance Zoom's docs use) and whether the
/// bytes are what <c>JSON.stringify(JSON.parse(body))</c> gives (Zoom's own receiver checks that), and records events.
/// <see cref="Answer"/> decides what it answers to events (a status, a delay, a redirect); <see cref="WrongChallenge"/>
/// makes it fail the URL validation.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    readonly WebApplication _app;
    public string Secret { get; set; }
    public ConcurrentQueue<Received> Events { get; } = new();
    public int Challenges;
    public volatile bool WrongChallenge;
    /// <summary>What to answer an event with: (status, delay). 200 at once by default.</summary>
    public Func<Received, (int Status, TimeSpan Delay)> Answer { get; set; } = _ => (200, TimeSpan.Zero);
    public string Url { get; }

    WebhookReceiver(WebApplication app, string secret, string url)
    {
        _app = app;
        Secret = secret;
        Url = url;
    }

    public static async Task<WebhookReceiver> StartAsync(string secret, string path = "/zoom/events")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? self = null;
        app.MapPost(path, async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var bytes = buffer.ToArray();
            var raw = Encoding.UTF8.GetString(bytes);
            var body = JsonNode.Parse(raw)!.AsObject();
            var valid = WebhookSignature.Verify(self!.Secret, http.Request.Headers["x-zm-request-timestamp"], http.Request.Headers["x-zm-signature"], bytes,
                DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            var canonical = CanonicalJson.ToText(JsonNode.Parse(raw)) == raw;
            var e = body["event"]!.GetValue<string>();
            if (e == "endpoint.url_validation")
            {
                Interlocked.Increment(ref self.Challenges);
                if (!valid) return Results.BadRequest();
                var plain = body["payload"]!["plainToken"]!.GetValue<string>();
                return Results.Json(new JsonObject
                {
                    ["plainToken"] = plain,
                    ["encryptedToken"] = self.WrongChallenge ? "0000" : WebhookSignature.AnswerChallenge(self.Secret, plain),
                });
            }
            var received = new Received(e, body, raw, valid, canonical, http.Request.Headers["x-zm-trackingid"], http.Request.Headers.UserAgent,
                http.Request.ContentType);
            var (status, delay) = self.Answer(received);
            if (delay > TimeSpan.Zero) await Task.Delay(delay);
            self.Events.Enqueue(received);
            if (status is >= 300 and < 400)
            {
                http.Response.Headers.Location = "/elsewhere";
                return Results.StatusCode(status);
            }
            return status == 200 ? Results.Json(new JsonObject { ["message"] = "ok" }) : Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        self = new WebhookReceiver(app, secret, address.TrimEnd('/') + path);
        return self;
    }

    /// <summary>The events received so far once at least <paramref name="count"/> came (waits up to 30 s; the caller asserts the count).</summary>
    public async Task<List<Received>> AtLeast(int count, Func<Received, bool>? which = null)
    {
        which ??= _ => true;
        for (var i = 0; i < 300 && Events.Count(which) < count; i++) await Task.Delay(100);
        return Events.Where(which).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
