using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Roster.Client;
using Roster.Client.Models;

namespace Roster.Cli;

/// <summary>
/// <c>roster webhooks …</c> (Zoom's event subscriptions of the app whose credentials are used, and Roster's delivery
/// log) and <c>roster events tail</c> (a Roster server's events as they commit).
/// </summary>
public static partial class Cli
{
    static void AddWebhooks(RootCommand root, CliEnvironment env)
    {
        var webhooks = new Command("webhooks", "Event subscriptions of the app, and Roster's delivery log");
        root.Subcommands.Add(webhooks);

        var url = new Option<string>("--url") { Description = "Endpoint URL (it must answer Zoom's URL validation)", Required = true };
        var events = new Option<string[]>("--event") { Description = "An event, e.g. user.created (repeat for more)", Required = true, AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = "A name" };
        var scope = new Option<string>("--scope") { Description = "account (default), user or master_account", DefaultValueFactory = _ => "account" };
        var users = new Option<string[]>("--user") { Description = "A user to hear (scope user; repeat for more)", AllowMultipleArgumentsPerToken = true };
        webhooks.Subcommands.Add(Cmd("create", "Subscribe an endpoint to events", c => { c.Options.Add(url); c.Options.Add(events); c.Options.Add(name); c.Options.Add(scope); c.Options.Add(users); },
            async (p, e, ct) =>
            {
                using var client = Client(p, e);
                var id = await client.Webhooks.CreateAsync(new CreateEventSubscriptionRequest
                {
                    Url = p.GetValue(url)!, Events = [.. p.GetValue(events)!], Name = p.GetValue(name), Scope = p.GetValue(scope)!,
                    UserIds = p.GetValue(users) is { Length: > 0 } u ? [.. u] : null,
                }, ct);
                await e.Out.WriteLineAsync(p.GetValue(Json) ? JsonSerializer.Serialize(new Dictionary<string, string> { ["event_subscription_id"] = id }) : id);
                return Ok;
            }, env));

        webhooks.Subcommands.Add(Cmd("list", "List the app's subscriptions", _ => { }, async (p, e, ct) =>
        {
            using var client = Client(p, e);
            var all = await Subscriptions(client, ct);
            Print(p, e, all, ["id", "name", "scope", "events", "url", "state"],
                all.Select(s => new[] { s.Id, s.Name, s.Scope, string.Join(' ', s.Events), s.Url, s.Disabled ? "disabled" : "active" }));
            return Ok;
        }, env));

        webhooks.Subcommands.Add(Listen(env));

        var subscription = Arg("subscriptionId", "The subscription");
        webhooks.Subcommands.Add(Cmd("delete", "Delete a subscription", c => c.Arguments.Add(subscription), async (p, e, ct) =>
        {
            using var client = Client(p, e);
            await client.Webhooks.DeleteAsync(p.GetValue(subscription)!, ct);
            await e.Out.WriteLineAsync($"Deleted subscription {p.GetValue(subscription)}.");
            return Ok;
        }, env));

        var ofSubscription = new Option<string?>("--subscription") { Description = "Only this subscription's" };
        var state = new Option<string?>("--state") { Description = "pending, delivered, failed or dead" };
        var eventName = new Option<string?>("--event") { Description = "Only this event" };
        var pageSize = new Option<int?>("--page-size") { Description = "Deliveries to show (1-300, default 30)" };
        webhooks.Subcommands.Add(Cmd("deliveries", "The delivery log, newest first (Roster)", c => { c.Options.Add(ofSubscription); c.Options.Add(state); c.Options.Add(eventName); c.Options.Add(pageSize); },
            async (p, e, ct) =>
            {
                using var client = Client(p, e);
                var page = await client.Webhooks.ListDeliveriesAsync(p.GetValue(ofSubscription), p.GetValue(eventName), p.GetValue(state), pageSize: p.GetValue(pageSize), cancellationToken: ct);
                Print(p, e, page.Deliveries, ["id", "event", "state", "attempts", "last status", "why", "event time"],
                    page.Deliveries.Select(d => new[]
                    {
                        d.Id, d.Event, d.State, d.Attempts.ToString(CultureInfo.InvariantCulture), d.LastStatus?.ToString(CultureInfo.InvariantCulture), d.LastError, Time(d.EventTime),
                    }));
                return Ok;
            }, env));

        var delivery = new Argument<string?>("deliveryId") { Description = "The delivery (or use --subscription/--from/--to)", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Deliveries of events from this time (ISO 8601)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Deliveries of events up to this time (ISO 8601)" };
        webhooks.Subcommands.Add(Cmd("redeliver", "Send deliveries again (Roster)", c => { c.Arguments.Add(delivery); c.Options.Add(ofSubscription); c.Options.Add(from); c.Options.Add(to); },
            async (p, e, ct) =>
            {
                using var client = Client(p, e);
                var id = p.GetValue(delivery);
                if (id is null && p.GetValue(ofSubscription) is null && p.GetValue(from) is null && p.GetValue(to) is null)
                    throw new UsageException("name a delivery, or --subscription / --from / --to");
                var n = id is not null
                    ? await client.Webhooks.RedeliverAsync(id, ct)
                    : await client.Webhooks.RedeliverAsync(p.GetValue(ofSubscription), p.GetValue(from), p.GetValue(to), ct);
                await e.Out.WriteLineAsync(p.GetValue(Json) ? JsonSerializer.Serialize(new Dictionary<string, int> { ["redelivered"] = n }) : $"Queued {Count(n, "delivery", "deliveries")} again.");
                return Ok;
            }, env));

        var eventsCommand = new Command("events", "A Roster server's record of changes");
        root.Subcommands.Add(eventsCommand);
        var after = new Option<string?>("--after") { Description = "Start after this cursor (an event's id: line) instead of now" };
        var count = new Option<int?>("--count") { Description = "Stop after this many events" };
        eventsCommand.Subcommands.Add(Cmd("tail", "Print the account's events as they happen, until Ctrl+C (Roster)", c => { c.Options.Add(after); c.Options.Add(count); },
            async (p, e, ct) =>
            {
                using var client = Client(p, e);
                var seen = 0;
                var limit = p.GetValue(count);
                if (limit is <= 0) throw new UsageException("--count must be at least 1");
                try
                {
                    await foreach (var ev in client.Webhooks.TailEventsAsync(p.GetValue(after), ct))
                    {
                        await e.Out.WriteLineAsync(p.GetValue(Json)
                            ? JsonSerializer.Serialize(ev, WebhookCliJson.Default.RosterEvent)
                            : $"{Time(ev.OccurredAt)}\t{ev.Event}\t{ev.SubjectId}\t{ev.Cursor}");
                        await e.Out.FlushAsync(ct);
                        if (++seen == limit) break;
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Ctrl+C: a normal end
                }
                return Ok;
            }, env));
    }

    /// <summary>Every subscription of the app (all pages), for its account.</summary>
    static async Task<List<EventSubscription>> Subscriptions(ZoomClient client, CancellationToken ct)
    {
        var account = client.Options.AccountId ?? (await client.Users.GetAsync("me", ct)).AccountId ?? "me";
        var all = new List<EventSubscription>();
        string? next = null;
        do
        {
            var page = await client.Webhooks.ListAsync(account, pageSize: 300, nextPageToken: next, cancellationToken: ct);
            all.AddRange(page.Subscriptions);
            next = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(next));
        return all;
    }
}

// times as the API writes them, as every --json output
[System.Text.Json.Serialization.JsonSourceGenerationOptions(Converters = [typeof(ApiTimeConverter)])]
[System.Text.Json.Serialization.JsonSerializable(typeof(RosterEvent))]
internal sealed partial class WebhookCliJson : System.Text.Json.Serialization.JsonSerializerContext;
