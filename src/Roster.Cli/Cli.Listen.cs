using System.CommandLine;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Roster.Client;
using Roster.Client.AspNetCore;
using Roster.Client.Models;
using Roster.Client.Webhooks;

namespace Roster.Cli;

/// <summary>
/// <c>roster webhooks listen</c>, as Stripe's <c>stripe listen</c>: a receiver on a loopback port, an event subscription
/// of the app pointing at it (made now, or one that already points there), each verified event printed and, with
/// <c>--forward-to</c>, re-signed with the app's secret token and posted to the developer's app. Ctrl+C (SIGINT) or
/// SIGTERM deletes the subscription it made, never one it found.
/// </summary>
public static partial class Cli
{
    const string ListenPath = "/zoom/events";

    /// <summary>Zoom's Users events: what listen subscribes to when no <c>--event</c> is named.</summary>
    static readonly string[] UserEvents =
    [
        "user.created", "user.invitation_accepted", "user.updated", "user.settings_updated", "user.activated", "user.deactivated",
        "user.deleted", "user.disassociated", "user.signed_in", "user.signed_out", "user.presence_status_updated", "user.personal_notes_updated",
    ];

    /// <summary>The command, not the web host, answers Ctrl+C: it deletes its subscription while the receiver still runs.</summary>
    sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    static Command Listen(CliEnvironment env)
    {
        var events = new Option<string[]>("--event") { Description = "An event to hear (repeat for more; default every user.* event)", AllowMultipleArgumentsPerToken = true };
        var port = new Option<int>("--port") { Description = "The loopback port to listen on (default: a free one)" };
        var forwardTo = new Option<string?>("--forward-to") { Description = "Re-sign each event with the app's secret token and post it here, e.g. http://localhost:3000/zoom/events" };
        var secretToken = new Option<string?>("--secret-token") { Description = "The app's webhook secret token (env ZOOM_WEBHOOK_SECRET_TOKEN, or saved by `roster login --webhook-secret-token`)" };
        return Cmd("listen", "Receive the app's events on this machine, print them and forward them to your app, until Ctrl+C",
            c => { c.Options.Add(events); c.Options.Add(port); c.Options.Add(forwardTo); c.Options.Add(secretToken); }, async (p, e, ct) =>
            {
                Profile.Load(e.ProfilePath).TryGetValue(p.GetValue(ProfileName)!, out var saved);
                var secret = p.GetValue(secretToken) ?? e.Variable("ZOOM_WEBHOOK_SECRET_TOKEN") ?? saved?.WebhookSecretToken
                    ?? throw new UsageException("no webhook secret token: pass --secret-token, set ZOOM_WEBHOOK_SECRET_TOKEN or run `roster login --webhook-secret-token` "
                                                + "(Zoom shows it on the app's Features page; a Roster server's is webhook_secret_token in its credentials file)");
                Uri? target = null;
                if (p.GetValue(forwardTo) is { } to && !(Uri.TryCreate(to, UriKind.Absolute, out target) && target.Scheme is "http" or "https"))
                    throw new UsageException("--forward-to: an http(s) URL, e.g. http://localhost:3000/zoom/events");
                var wanted = p.GetValue(events) is { Length: > 0 } named ? named : UserEvents;
                using var client = Client(p, e);
                var json = p.GetValue(Json);

                // verified events wait here in order, so the receiver answers Zoom at once however slow the app is
                var received = Channel.CreateUnbounded<(ZoomWebhookEvent Event, byte[] Body, string? TrackingId)>();
                await using var receiver = await StartReceiver(p.GetValue(port), secret, received.Writer, e);
                var url = receiver.Urls.Single().TrimEnd('/') + ListenPath;

                EventSubscription? existing = (await Subscriptions(client, ct)).FirstOrDefault(s => s.Url == url);
                var id = existing?.Id ?? await client.Webhooks.CreateAsync(new CreateEventSubscriptionRequest
                {
                    Url = url, Events = [.. wanted], Name = "roster webhooks listen", Scope = "account",
                }, ct);
                var made = existing is null ? id : null;
                await e.Error.WriteLineAsync($"Ready: {url} receives {string.Join(' ', existing?.Events ?? [.. wanted])} "
                    + $"(subscription {id}, {(made is null ? "already there: kept at exit" : "deleted at exit")})"
                    + $"{(target is null ? "" : $", forwarding to {target}")}. Ctrl+C to stop.");
                await e.Error.FlushAsync(CancellationToken.None);

                using var forwarder = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                var signer = new ZoomWebhookVerifier(secret);
                var printing = Task.Run(async () =>
                {
                    await foreach (var (ev, body, trackingId) in received.Reader.ReadAllAsync(CancellationToken.None))
                    {
                        var status = target is null ? null : await Forward(forwarder, signer, target, body, trackingId);
                        var o = ev.Payload.Object;
                        await e.Out.WriteLineAsync(json
                            ? Encoding.UTF8.GetString(body)
                            : string.Join('\t', new[] { Time(ev.Time), ev.Event, o?.Id ?? "", o?.Email ?? "", status ?? "" }.Take(status is null ? 4 : 5)));
                        await e.Out.FlushAsync(CancellationToken.None);
                        // with --json standard output is the events alone: the app's answers go to standard error
                        if (json && status is not null) await e.Error.WriteLineAsync($"{ev.Event} -> {target}: {status}");
                    }
                }, CancellationToken.None);

                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Ctrl+C or SIGTERM: the normal end
                }
                finally
                {
                    if (made is not null)
                    {
                        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                        await client.Webhooks.DeleteAsync(made, bounded.Token);
                        await e.Error.WriteLineAsync($"Deleted subscription {made}.");
                    }
                    await receiver.StopAsync(CancellationToken.None);
                    received.Writer.TryComplete();
                    await printing;
                }
                return Ok;
            }, env);
    }

    /// <summary>The receiver: MapZoomWebhooks on a loopback port, each verified event queued with its exact bytes; a refused one said on standard error.</summary>
    static async Task<WebApplication> StartReceiver(int port, string secret, ChannelWriter<(ZoomWebhookEvent, byte[], string?)> queue, CliEnvironment env)
    {
        // an empty builder: no appsettings.json or ASPNETCORE_URLS of the folder it runs in can add an address beyond loopback
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            // MapZoomWebhooks reads the body to verify it; the forwarded request carries those same bytes
            http.Request.EnableBuffering();
            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
                await env.Error.WriteLineAsync($"Refused a request to {http.Request.Path}: its x-zm-signature did not verify.");
        });
        app.MapZoomWebhooks(ListenPath, secret, async (ev, http) =>
        {
            http.Request.Body.Position = 0;
            using var bytes = new MemoryStream();
            await http.Request.Body.CopyToAsync(bytes, http.RequestAborted);
            queue.TryWrite((ev, bytes.ToArray(), http.Request.Headers["x-zm-trackingid"]));
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Posts the event as Zoom would, signed now with the app's secret token; the app's status, or why it got none.</summary>
    static async Task<string> Forward(HttpClient http, ZoomWebhookVerifier signer, Uri to, byte[] body, string? trackingId)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, to) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(ZoomWebhookVerifier.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(ZoomWebhookVerifier.SignatureHeader, signer.Sign(timestamp, body));
        if (trackingId is not null) request.Headers.Add("x-zm-trackingid", trackingId);
        try
        {
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception x) when (x is HttpRequestException or TaskCanceledException)
        {
            return $"not delivered: {x.Message}";
        }
    }
}
