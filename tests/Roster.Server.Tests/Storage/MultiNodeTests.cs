using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Roster.Server.Tests;

/// <summary>Two real Roster processes on one PostgreSQL: races decided by the database, nothing node-local.</summary>
[Collection("postgres-cluster")]
public partial class MultiNodeTests
{
    static async Task<(ServerProcess A, ServerProcess B, string Db, string Dir)> TwoNodes(IReadOnlyDictionary<string, string>? environment = null)
    {
        var db = PostgresCluster.NewDatabase();
        var dir = TestTemp.NewFolder("roster-nodes");
        // both nodes start together: the advisory lock serialises their migrations
        var a = ServerProcess.StartAsync(Path.Combine(dir, "a"), db, environment);
        var b = ServerProcess.StartAsync(Path.Combine(dir, "b"), db, environment);
        return (await a, await b, db, dir);
    }

    static Task<HttpResponseMessage> Create(HttpClient http, string email, int type = 1)
        => http.PostAsJsonAsync("/v2/users", new { action = "custCreate", user_info = new { email, type } });

    [SkippableFact]
    public async Task RacesAcrossNodesAreDecidedByTheDatabase()
    {
        PostgresCluster.Require();
        var (a, b, db, _) = await TwoNodes();
        await using (a)
        await using (b)
        {
            using var ha = await ServerProcess.ClientAsync(a.BaseUrl);
            using var hb = await ServerProcess.ClientAsync(b.BaseUrl); // a token from node A's key works on node B too
            using var cross = new HttpClient { BaseAddress = new Uri(b.BaseUrl) };
            cross.DefaultRequestHeaders.Authorization = ha.DefaultRequestHeaders.Authorization;
            Assert.Equal(HttpStatusCode.OK, (await cross.GetAsync("/v2/users/me")).StatusCode);

            // the same e-mail on both nodes at once: exactly one 201
            for (var round = 0; round < 5; round++)
            {
                var replies = await Task.WhenAll(Create(ha, $"race{round}@example.com"), Create(hb, $"race{round}@example.com"),
                    Create(ha, $"race{round}@example.com"), Create(hb, $"race{round}@example.com"));
                Assert.Equal(1, replies.Count(r => r.StatusCode == HttpStatusCode.Created));
                foreach (var r in replies.Where(r => r.StatusCode != HttpStatusCode.Created))
                {
                    Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
                    Assert.Equal(1005, (await r.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<int>());
                }
            }

            // settings patches through both nodes: no update lost
            var fields = new[] { "chat", "private_chat", "auto_saving_chat", "co_host", "polling", "breakout_room", "annotation", "remote_control", "non_verbal_feedback", "feedback", "closed_caption", "group_hd" };
            var patches = await Task.WhenAll(fields.Select((f, i) => (i % 2 == 0 ? ha : hb).PatchAsJsonAsync("/v2/users/me/settings", new JsonObject { ["in_meeting"] = new JsonObject { [f] = true } })));
            Assert.All(patches, p => Assert.Equal(HttpStatusCode.NoContent, p.StatusCode));
            var doc = (await hb.GetFromJsonAsync<JsonObject>("/v2/users/me/settings"))!["in_meeting"]!;
            Assert.All(fields, f => Assert.True(doc[f]!.GetValue<bool>(), f));

            // concurrent assistant adds on both nodes: all land
            var boss = (await (await Create(ha, "boss@example.com", 2)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var helpers = new List<string>();
            for (var i = 0; i < 8; i++) helpers.Add((await (await Create(hb, $"h{i}@example.com", 2)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
            var adds = await Task.WhenAll(helpers.Select((h, i) => (i % 2 == 0 ? ha : hb).PostAsJsonAsync($"/v2/users/{boss}/assistants", new { assistants = new[] { new { id = h } } })));
            Assert.All(adds, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            Assert.Equal(8, (await ha.GetFromJsonAsync<JsonObject>($"/v2/users/{boss}/assistants"))!["assistants"]!.AsArray().Count);

            // status flips from both nodes end in a state both agree on
            var flips = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? ha : hb).PutAsJsonAsync($"/v2/users/{helpers[0]}/status", new { action = i % 3 == 0 ? "activate" : "deactivate" })));
            Assert.All(flips, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
            Assert.Equal((await ha.GetFromJsonAsync<JsonObject>($"/v2/users/{helpers[0]}"))!["status"]!.GetValue<string>(),
                (await hb.GetFromJsonAsync<JsonObject>($"/v2/users/{helpers[0]}"))!["status"]!.GetValue<string>());

            // deleted on one node, gone on the other at once
            Assert.Equal(HttpStatusCode.NoContent, (await ha.DeleteAsync($"/v2/users/{helpers[1]}?action=delete")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await hb.GetAsync($"/v2/users/{helpers[1]}")).StatusCode);
        }
        PostgresCluster.Drop(db);
    }

    [SkippableFact]
    public async Task PagingThroughOneNodeWhileTheOtherWrites()
    {
        PostgresCluster.Require();
        var (a, b, db, _) = await TwoNodes();
        await using (a)
        await using (b)
        {
            using var ha = await ServerProcess.ClientAsync(a.BaseUrl);
            using var hb = await ServerProcess.ClientAsync(b.BaseUrl);
            for (var i = 0; i < 40; i++) Assert.Equal(HttpStatusCode.Created, (await Create(ha, $"p{i:D2}@example.com")).StatusCode);
            var seen = new List<string>();
            var writer = 0;
            string token = "";
            do
            {
                var page = (await hb.GetFromJsonAsync<JsonObject>($"/v2/users?page_size=7&next_page_token={Uri.EscapeDataString(token)}"))!;
                seen.AddRange(page["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()));
                token = page["next_page_token"]!.GetValue<string>();
                Assert.Equal(HttpStatusCode.Created, (await Create(ha, $"late{writer++}@example.com")).StatusCode);
            } while (token != "");
            // every user that existed before paging began is seen exactly once, in creation order
            var before = Enumerable.Range(0, 40).Select(i => $"p{i:D2}@example.com").ToList();
            Assert.Equal(before, seen.Where(e => e.StartsWith('p')).ToList());
            Assert.Equal(seen.Count, seen.Distinct().Count());
        }
        PostgresCluster.Drop(db);
    }

    [SkippableFact]
    public async Task NodesRecoverWhenPostgresReturnsWithoutLosingAcknowledgedWrites()
    {
        PostgresCluster.Require();
        Skip.If(Environment.GetEnvironmentVariable("ROSTER_TEST_POSTGRES") is { Length: > 0 } && !TestEngine.InCi,
            "the restart test needs the throwaway cluster; ROSTER_TEST_POSTGRES names a server it must not stop");
        if (Environment.GetEnvironmentVariable("ROSTER_TEST_POSTGRES") is { Length: > 0 })
            throw new InvalidOperationException("the restart test needs the throwaway cluster, not ROSTER_TEST_POSTGRES");
        var (a, b, db, _) = await TwoNodes();
        await using (a)
        await using (b)
        {
            using var ha = await ServerProcess.ClientAsync(a.BaseUrl);
            using var hb = await ServerProcess.ClientAsync(b.BaseUrl);
            var acknowledged = new List<string>();
            var unavailable = 0;
            var stopped = false;
            try
            {
                for (var i = 0; i < 40; i++)
                {
                    if (i == 15) { PostgresCluster.StopForRestart(); stopped = true; }
                    if (i == 25) { PostgresCluster.StartAgain(); stopped = false; }
                    var email = $"r{i}@example.com";
                    var r = await Create(i % 2 == 0 ? ha : hb, email);
                    if (r.StatusCode == HttpStatusCode.Created) acknowledged.Add(email);
                    else
                    {
                        Assert.True(r.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
                        Assert.Equal(503, (await r.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<int>());
                        unavailable++;
                    }
                }
            }
            finally
            {
                if (stopped) PostgresCluster.StartAgain();
            }
            Assert.True(unavailable > 0, "no request met the stopped database");
            Assert.True(acknowledged.Count >= 25);
            foreach (var email in acknowledged)
            {
                Assert.Equal(HttpStatusCode.OK, (await ha.GetAsync($"/v2/users/{email}")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await hb.GetAsync($"/v2/users/{email}")).StatusCode);
            }
        }
        PostgresCluster.Drop(db);
    }

    [SkippableFact]
    public async Task RateLimitsHoldAcrossNodes()
    {
        PostgresCluster.Require();
        // Light: 80/s x 0.05 = 4 calls a second for the whole account, whichever node answers
        var (a, b, db, _) = await TwoNodes(new Dictionary<string, string> { ["RateLimits__Mode"] = "zoom", ["RateLimits__Factor"] = "0.05" });
        await using (a)
        await using (b)
        {
            using var ha = await ServerProcess.ClientAsync(a.BaseUrl);
            using var hb = await ServerProcess.ClientAsync(b.BaseUrl);
            for (var round = 0; round < 3; round++)
            {
                var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                var replies = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => (i % 2 == 0 ? ha : hb).GetAsync("/v2/users/me")));
                var end = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                var passed = replies.Count(r => r.StatusCode == HttpStatusCode.OK);
                Assert.All(replies, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
                Assert.InRange(passed, 1, 4 * (end - start + 1));
                await Task.Delay(1100);
            }
        }
        PostgresCluster.Drop(db);
    }

    [SkippableFact]
    public async Task AFaultRuleSetThroughOneNodeHoldsOnTheOther()
    {
        PostgresCluster.Require();
        const string key = "multi-node-sandbox-key-0123";
        var (a, b, db, _) = await TwoNodes(new Dictionary<string, string> { ["ROSTER_ADMIN_KEY"] = key });
        await using (a)
        await using (b)
        {
            using var hb = await ServerProcess.ClientAsync(b.BaseUrl);
            using var sandboxA = new HttpClient { BaseAddress = new Uri(a.BaseUrl) };
            sandboxA.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var sandboxB = new HttpClient { BaseAddress = new Uri(b.BaseUrl) };
            sandboxB.DefaultRequestHeaders.Authorization = sandboxA.DefaultRequestHeaders.Authorization;
            var added = await sandboxA.PostAsJsonAsync("/roster/v1/sandbox/faults", new { fault = "error", operation = "users", status = 503, code = 503 });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            var id = (await added.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

            // node B follows the store: within its follow interval, its calls get the fault
            async Task<HttpStatusCode> Until(HttpStatusCode wanted)
            {
                var status = HttpStatusCode.OK;
                for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(100))
                    if ((status = (await hb.GetAsync("/v2/users")).StatusCode) == wanted) break;
                return status;
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await Until(HttpStatusCode.ServiceUnavailable));
            var journal = (await sandboxB.GetFromJsonAsync<JsonObject>("/roster/v1/sandbox/journal?faulted=true"))!["entries"]!.AsArray();
            Assert.All(journal, e => Assert.Equal(id, e!["fault"]!.GetValue<string>()));
            Assert.NotEmpty(journal);

            // deleted through node B: node A's rule goes too, and B stops at once
            Assert.Equal(HttpStatusCode.NoContent, (await sandboxB.DeleteAsync($"/roster/v1/sandbox/faults/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await hb.GetAsync("/v2/users")).StatusCode);
            for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(100))
                if ((await sandboxA.GetFromJsonAsync<JsonObject>("/roster/v1/sandbox/faults"))!["faults"]!.AsArray().Count == 0) break;
            Assert.Empty((await sandboxA.GetFromJsonAsync<JsonObject>("/roster/v1/sandbox/faults"))!["faults"]!.AsArray());
        }
        PostgresCluster.Drop(db);
    }

    [SkippableFact]
    public async Task TwoNodesDeliverEachEventOnceAndAKilledNodeLosesNone()
    {
        PostgresCluster.Require();
        await using var receiver = await WebhookReceiver.StartAsync(WebhooksTests.Secret);
        receiver.Answer = _ => (200, TimeSpan.FromMilliseconds(20)); // a receiver that takes a moment: deliveries are in flight when a node dies
        var (a, b, db, _) = await TwoNodes(new Dictionary<string, string>
        {
            ["ROSTER_WEBHOOK_SECRET_TOKEN"] = WebhooksTests.Secret, ["Webhooks__LeaseSeconds"] = "3", ["Webhooks__PollMs"] = "50",
        });
        await using (a)
        await using (b)
        {
            using var ha = await ServerProcess.ClientAsync(a.BaseUrl);
            using var hb = await ServerProcess.ClientAsync(b.BaseUrl);
            var subscribed = await ha.PostAsJsonAsync("/v2/marketplace/app/event_subscription",
                new { events = new[] { "user.created" }, event_webhook_url = receiver.Url, subscription_scope = "account" });
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);

            // 1. both nodes healthy: 500 changes through both, each delivered exactly once
            var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
            async Task CreateMany(int from, int count, Func<int, HttpClient> through)
                => await Parallel.ForEachAsync(Enumerable.Range(from, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
                {
                    var email = $"hook{i}@example.com";
                    try
                    {
                        if ((await Create(through(i), email)).StatusCode == HttpStatusCode.Created) acknowledged.Add(email);
                    }
                    catch (HttpRequestException) { } // the node was killed under this request: not acknowledged
                });
            await CreateMany(0, 500, i => i % 2 == 0 ? ha : hb);
            Assert.Equal(500, acknowledged.Count);
            string Email(Received r) => r.Body["payload"]!["object"]!["email"]!.GetValue<string>();
            await receiver.AtLeast(500);
            await Task.Delay(1000); // a duplicate would have come by now
            var first = receiver.Events.ToList();
            Assert.All(first, r => Assert.True(r.SignatureValid));
            Assert.Equal(acknowledged.Order(), first.Select(Email).Order());

            // 2. kill -9 node A in the middle of 500 more: nothing acknowledged is lost; duplicates only for cut attempts
            var killing = Task.Run(async () =>
            {
                while (acknowledged.Count < 750) await Task.Delay(10);
                a.Kill();
            });
            await CreateMany(500, 500, i => i % 2 == 0 && !killing.IsCompleted ? ha : hb);
            await killing;
            var expected = acknowledged.ToHashSet();
            for (var i = 0; i < 600 && !expected.IsSubsetOf(receiver.Events.Select(Email)); i++) await Task.Delay(100);
            var all = receiver.Events.Select(Email).ToList();
            Assert.Subset(all.ToHashSet(), expected);
            var duplicates = all.Count - all.Distinct().Count();
            // at most what node A held when it died: deliveries in flight and sent ones whose attempts it records in batches
            // (4 x Webhooks:Concurrency = 128)
            Assert.InRange(duplicates, 0, 128);
            Console.WriteLine($"kill -9 mid-delivery: {expected.Count} acknowledged, all delivered, {duplicates} duplicates");
        }
        PostgresCluster.Drop(db);
    }

    [SkippableFact]
    public async Task ANodeRefusesASchemaNewerThanItsCode()
    {
        PostgresCluster.Require();
        var db = PostgresCluster.NewDatabase();
        var dir = TestTemp.NewFolder("roster-schema");
        await using (await ServerProcess.StartAsync(dir, db)) { }
        await using (var c = new NpgsqlConnection(db))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("INSERT INTO roster_schema (version) VALUES (99)", c);
            await cmd.ExecuteNonQueryAsync();
        }
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(dir, db));
        Assert.Contains("exited with 2", error.Message);
        PostgresCluster.Drop(db);
    }
}

[CollectionDefinition("postgres-cluster", DisableParallelization = true)]
public sealed class PostgresClusterCollection;
