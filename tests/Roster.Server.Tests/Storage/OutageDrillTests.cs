using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Roster.Server.Tests;

/// <summary>
/// Issue 27's drill: two real nodes on one PostgreSQL of the drill's own, 64 clients creating and updating users, the
/// database stopped (fast, then immediate) for a few seconds and started again. Part of <see cref="MultiNodeTests"/>, so
/// it runs once in CI (in the first pass, on its own cluster). bench/drill runs it and keeps the figures it prints.
/// </summary>
public partial class MultiNodeTests(ITestOutputHelper output)
{
    /// <summary>How long the database stays down each time (ROSTER_DRILL_OUTAGE_SECONDS, 5 by default).</summary>
    static readonly TimeSpan Outage = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("ROSTER_DRILL_OUTAGE_SECONDS"), out var s) && s > 0 ? s : 5);
    const int Clients = 64;
    /// <summary>Writes acknowledged before each stop and after the last return (a count, not a time: the machine's speed decides nothing).</summary>
    const int WritesBetween = 150;
    /// <summary>
    /// A webhook is sent twice only when a node sent it and could not record the attempt (the store went away between):
    /// it is sent again once its lease runs out. A node holds at most 4 x Webhooks:Concurrency (32) deliveries leased and
    /// unrecorded, and no new lease is taken while the store is away: per node and outage at most 128 duplicates.
    /// </summary>
    const int MaxDuplicates = 2 * 2 * 4 * 32;

    sealed class Tally
    {
        public readonly ConcurrentDictionary<string, string> Created = new(); // id -> email, answered 201
        public readonly ConcurrentDictionary<string, string> Updated = new(); // id -> first_name, answered 204
        public readonly ConcurrentDictionary<int, int> Statuses = new();
        public readonly ConcurrentDictionary<int, int> DuringOutage = new();
        public readonly ConcurrentQueue<string> Wrong = new(); // answers that break the rules, with why
        public int Dropped; // no HTTP answer at all
        public int Acknowledged => Created.Count + Updated.Count;
        public volatile bool StoreDown;
        /// <summary>Per node, when it last answered a 2xx (ticks of the drill's stopwatch).</summary>
        public readonly long[] Last2xx = new long[2];
    }

    [SkippableFact]
    public async Task OutageDrillTwoNodesSurvivePostgresStoppingFastThenImmediate()
    {
        PostgresCluster.Require(); // the same binaries; the drill starts a cluster of its own to stop
        using var pg = PostgresServer.TryStart(out var why) ?? throw new InvalidOperationException($"PostgreSQL not available: {why}");
        await using var receiver = await WebhookReceiver.StartAsync(WebhooksTests.Secret);
        var dir = TestTemp.NewFolder("roster-drill");
        var environment = new Dictionary<string, string>
        {
            ["ROSTER_WEBHOOK_SECRET_TOKEN"] = WebhooksTests.Secret, ["Webhooks__LeaseSeconds"] = "3", ["Webhooks__PollMs"] = "50",
            ["Logging__LogLevel__Roster.Server.Hosting.StoreFollowing"] = "Information",
        };
        var store = pg.Admin.Replace("Pooling=false", "Pooling=true");
        var report = new List<string>();
        void Say(string line)
        {
            report.Add(line);
            output.WriteLine(line);
        }
        try
        {
            var starting = new[] { ServerProcess.StartAsync(Path.Combine(dir, "a"), store, environment), ServerProcess.StartAsync(Path.Combine(dir, "b"), store, environment) };
            await using var a = await starting[0];
            await using var b = await starting[1];
            ServerProcess[] nodes = [a, b];
            using var ha = await ServerProcess.ClientAsync(a.BaseUrl);
            using var hb = await ServerProcess.ClientAsync(b.BaseUrl);
            HttpClient[] http = [ha, hb];
            var subscribed = await ha.PostAsJsonAsync("/v2/marketplace/app/event_subscription",
                new { events = new[] { "user.created" }, event_webhook_url = receiver.Url, subscription_scope = "account" });
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);

            var tally = new Tally();
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Clients).Select(c => Client(c, http[c % 2], c % 2, tally, clock, stop.Token)).ToArray();

            async Task UntilMoreAcknowledged(int more)
            {
                var target = tally.Acknowledged + more;
                for (var deadline = clock.Elapsed + TimeSpan.FromSeconds(60); tally.Acknowledged < target; await Task.Delay(20))
                    Assert.True(clock.Elapsed < deadline, $"the load did not reach {target} acknowledged writes in 60 s ({tally.Acknowledged})");
            }

            var recoveries = new List<(string Mode, double Seconds)>();
            foreach (var mode in new[] { "fast", "immediate" })
            {
                await UntilMoreAcknowledged(WritesBetween);
                tally.StoreDown = true;
                pg.Stop(mode);
                await Task.Delay(Outage);
                await ProbeWhileDown(nodes, tally);
                pg.StartAgain(); // returns once the server accepts connections
                var back = clock.ElapsedTicks;
                tally.StoreDown = false;
                // both nodes answer a 2xx again, without a restart, within 5 s of the store's return
                for (var deadline = clock.Elapsed + TimeSpan.FromSeconds(5); tally.Last2xx.Any(t => t < back) && clock.Elapsed < deadline; await Task.Delay(10)) { }
                Assert.True(tally.Last2xx.All(t => t >= back), $"a node did not serve within 5 s of the store's return after the {mode} stop");
                var seconds = (tally.Last2xx.Max() - back) / (double)Stopwatch.Frequency;
                recoveries.Add((mode, seconds));
            }
            await UntilMoreAcknowledged(WritesBetween);
            await stop.CancelAsync();
            await Task.WhenAll(load);

            Assert.True(tally.Wrong.IsEmpty, string.Join('\n', tally.Wrong.Take(10)));
            Assert.Equal(0, tally.Dropped);
            Assert.False(tally.Statuses.ContainsKey(500));
            Assert.True(tally.DuringOutage.Keys.Any(k => k is 503 or 429), "no request met the stopped database");

            // every acknowledged write is in the store: each create by id, each update with its value
            var missing = new ConcurrentQueue<string>();
            await Parallel.ForEachAsync(tally.Created, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (created, ct) =>
            {
                var reply = await http[created.Key.GetHashCode() & 1].GetAsync($"/v2/users/{created.Key}", ct);
                if (reply.StatusCode != HttpStatusCode.OK) { missing.Enqueue($"{created.Key}: {(int)reply.StatusCode}"); return; }
                var user = (await reply.Content.ReadFromJsonAsync<JsonObject>(ct))!;
                if (tally.Updated.TryGetValue(created.Key, out var name) && user["first_name"]?.GetValue<string>() != name)
                    missing.Enqueue($"{created.Key}: first_name {user["first_name"]} instead of {name}");
            });
            Assert.True(missing.IsEmpty, string.Join('\n', missing.Take(10)));

            // webhooks: a user.created for every acknowledged create; duplicates counted and bounded
            var expected = tally.Created.Keys.ToHashSet();
            static string IdOf(Received r) => r.Body["payload"]!["object"]!["id"]!.GetValue<string>();
            for (var deadline = clock.Elapsed + TimeSpan.FromSeconds(60); clock.Elapsed < deadline; await Task.Delay(100))
                if (expected.IsSubsetOf(receiver.Events.Select(IdOf))) break;
            var delivered = receiver.Events.Select(IdOf).ToList();
            Assert.Subset(delivered.ToHashSet(), expected);
            var duplicates = delivered.Count - delivered.Distinct().Count();
            Assert.InRange(duplicates, 0, MaxDuplicates);

            // each node's store follower failed during the outages and reads on after them
            foreach (var (node, name) in nodes.Zip(new[] { "a", "b" }))
                Assert.True(node.Log.Contains("Following the store again", StringComparison.Ordinal), $"node {name}'s follower did not resume:\n{node.Log}");

            Say($"Outage drill (PostgreSQL, 2 nodes, {Clients} clients creating and updating users, stopped {Outage.TotalSeconds:0} s fast, then {Outage.TotalSeconds:0} s immediate)");
            Say($"- writes acknowledged: {tally.Created.Count} creates (201), {tally.Updated.Count} updates (204); found afterwards: {tally.Created.Count - missing.Count} creates, every update's value");
            Say($"- all answers by status: {Format(tally.Statuses)}; no answer at all: {tally.Dropped}");
            Say($"- answers from each stop command to its start's return (2xx: requests the database finished before it stopped): {Format(tally.DuringOutage)}; each 503/429 Zoom-shaped with Retry-After");
            Say($"- seconds from the store's return to both nodes answering 2xx: {string.Join(", ", recoveries.Select(r => $"{r.Mode} {r.Seconds:0.00}"))}");
            Say($"- user.created webhooks: {delivered.Distinct().Count()} users' events for {expected.Count} acknowledged creates, {duplicates} duplicates (bound {MaxDuplicates})");
        }
        finally
        {
            foreach (var line in report) Console.WriteLine(line);
            if (Environment.GetEnvironmentVariable("ROSTER_DRILL_REPORT") is { Length: > 0 } file) await File.AppendAllLinesAsync(file, report);
            TestTemp.Delete(dir);
        }
    }

    static string Format(ConcurrentDictionary<int, int> statuses) => string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"));

    /// <summary>One client: creates a user, then (once created) updates it once, again and again until told to stop.</summary>
    static async Task Client(int client, HttpClient http, int node, Tally tally, Stopwatch clock, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var email = $"drill-{client}-{i}@example.com";
            var created = await Answer(http.PostAsJsonAsync("/v2/users", new { action = "custCreate", user_info = new { email, type = 1 } }, CancellationToken.None), node, tally, clock);
            if (created is not { StatusCode: HttpStatusCode.Created }) continue;
            var id = (await created.Content.ReadFromJsonAsync<JsonObject>(CancellationToken.None))!["id"]!.GetValue<string>();
            tally.Created[id] = email;
            var name = $"v{client}x{i}";
            var updated = await Answer(http.PatchAsJsonAsync($"/v2/users/{id}", new { first_name = name }, CancellationToken.None), node, tally, clock);
            if (updated is { StatusCode: HttpStatusCode.NoContent }) tally.Updated[id] = name;
        }
    }

    /// <summary>Counts the answer and checks it: a 2xx, or a Zoom-shaped 503/429 with Retry-After; null when there was none.</summary>
    static async Task<HttpResponseMessage?> Answer(Task<HttpResponseMessage> sending, int node, Tally tally, Stopwatch clock)
    {
        var down = tally.StoreDown;
        HttpResponseMessage reply;
        try
        {
            reply = await sending;
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref tally.Dropped);
            return null;
        }
        var status = (int)reply.StatusCode;
        tally.Statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (down || tally.StoreDown) tally.DuringOutage.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (status is >= 200 and < 300)
        {
            Interlocked.Exchange(ref tally.Last2xx[node], clock.ElapsedTicks);
            return reply;
        }
        var body = await reply.Content.ReadAsStringAsync();
        if (status is not (503 or 429)) tally.Wrong.Enqueue($"{status}: {body}");
        else if (reply.Headers.RetryAfter is null) tally.Wrong.Enqueue($"{status} without Retry-After: {body}");
        else if (JsonNode.Parse(body) is not JsonObject { } json || json["code"]?.GetValue<int>() != status || json["message"] is null)
            tally.Wrong.Enqueue($"{status} not in Zoom's shape: {body}");
        return reply;
    }

    /// <summary>While the store is down: each node's readiness and token endpoint say so, with Retry-After.</summary>
    static async Task ProbeWhileDown(ServerProcess[] nodes, Tally tally)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var node in nodes)
        {
            var ready = await http.GetAsync($"{node.BaseUrl}/readyz");
            if (ready.StatusCode != HttpStatusCode.ServiceUnavailable || ready.Headers.RetryAfter is null)
                tally.Wrong.Enqueue($"/readyz while the store is down: {(int)ready.StatusCode}, Retry-After {ready.Headers.RetryAfter}");
            var request = new HttpRequestMessage(HttpMethod.Post, $"{node.BaseUrl}/oauth/token?grant_type=account_credentials&account_id={RosterApp.AccountId}");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{RosterApp.ClientId}:{RosterApp.ClientSecret}")));
            var token = await http.SendAsync(request);
            var body = await token.Content.ReadAsStringAsync();
            // a token may still be issued (the app is known to the node); a refusal is the endpoint's own 503 with Retry-After
            if (token.StatusCode != HttpStatusCode.OK && (token.StatusCode != HttpStatusCode.ServiceUnavailable || token.Headers.RetryAfter is null
                || JsonNode.Parse(body)?["error"]?.GetValue<string>() != "temporarily_unavailable"))
                tally.Wrong.Enqueue($"/oauth/token while the store is down: {(int)token.StatusCode} {body}");
        }
    }
}
