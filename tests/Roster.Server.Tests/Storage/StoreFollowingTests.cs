using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Events;
using Roster.Storage;

namespace Roster.Server.Tests;

/// <summary>
/// What a node keeps in memory follows the store: when the whole state is replaced (here: a new signing key and the
/// next generation, as a reset will do), tokens checked and kept under the old key are no longer accepted.
/// </summary>
public class StoreFollowingTests
{
    /// <summary>What a reset does to the keys, in one transaction: another signing key, the next generation.</summary>
    internal static async Task<(long Generation, EventPosition Begins)> ReplaceKeyAsync(IStoreSession s)
    {
        await s.SetMetaAsync(BootstrapService.KeyMeta, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return await StoreGeneration.AdvanceAsync(s, DateTimeOffset.UnixEpoch, Guid.NewGuid().ToString("N"));
    }

    [Fact]
    public async Task TheNodeThatReplacedTheStateFollowsItAtOnce()
    {
        await using var app = new RosterApp();
        var old = await app.TokenAsync();
        using var before = app.ApiWith(old);
        (await before.Get("/v2/users/me")).Is(HttpStatusCode.OK); // checked, and kept as checked

        var (generation, begins) = await app.Services.GetRequiredService<IRosterStore>().WriteAsync(ReplaceKeyAsync);
        await app.Services.GetRequiredService<StoreFollower>().ReplacedAsync(generation, begins);

        (await before.Get("/v2/users/me")).IsError(401, 124);
        using var after = await app.ApiAsync(); // a token signed with the new key
        (await after.Get("/v2/users/me")).Is(HttpStatusCode.OK);
    }

}

/// <summary>The same on PostgreSQL across real nodes (the outbox read order that makes following exact there: <c>Roster.Storage.Tests.OutboxReadOrderTests</c>).</summary>
[Collection("postgres-cluster")]
public class StoreFollowingPostgresTests
{
    static Task<(long Generation, EventPosition Begins)> ReplaceKeyAsync(IStoreSession s) => StoreFollowingTests.ReplaceKeyAsync(s);

    static async Task<HttpStatusCode> MeWith(string baseUrl, string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await http.GetAsync("/v2/users/me")).StatusCode;
    }

    [SkippableFact]
    public async Task EveryNodeOnOneStoreFollowsAReplacedStateWithinItsInterval()
    {
        PostgresCluster.Require();
        var db = PostgresCluster.NewDatabase();
        var dir = TestTemp.NewFolder("roster-follow");
        try
        {
            var environment = new Dictionary<string, string> { ["Store__FollowIntervalMs"] = "100" };
            await using var a = await ServerProcess.StartAsync(Path.Combine(dir, "a"), db, environment);
            await using var b = await ServerProcess.StartAsync(Path.Combine(dir, "b"), db, environment);
            var old = await ServerProcess.TokenAsync(a.BaseUrl);
            Assert.Equal(HttpStatusCode.OK, await MeWith(a.BaseUrl, old));
            Assert.Equal(HttpStatusCode.OK, await MeWith(b.BaseUrl, old)); // both nodes now keep it as checked

            using var store = new PostgresStore(db);
            await store.WriteAsync(async s => { await ReplaceKeyAsync(s); return 0; });

            // neither node was told: each sees the new generation on its own, within a few of its 100 ms rounds
            foreach (var node in new[] { a, b })
            {
                var refused = false;
                for (var i = 0; i < 100 && !refused; i++)
                {
                    refused = await MeWith(node.BaseUrl, old) == HttpStatusCode.Unauthorized;
                    if (!refused) await Task.Delay(100);
                }
                Assert.True(refused, $"node {node.BaseUrl} still accepts a token of the replaced key after 10 s\n{node.Log}");
            }
            var fresh = await ServerProcess.TokenAsync(b.BaseUrl);
            Assert.Equal(HttpStatusCode.OK, await MeWith(a.BaseUrl, fresh));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            PostgresCluster.Drop(db);
            TestTemp.Delete(dir);
        }
    }

    /// <summary>The sandbox's clock, moved on one node, is the time of every node (each follows the change).</summary>
    [SkippableFact]
    public async Task EveryNodeKeepsTheClockTheSandboxSet()
    {
        PostgresCluster.Require();
        var db = PostgresCluster.NewDatabase();
        var dir = TestTemp.NewFolder("roster-follow-clock");
        try
        {
            var environment = new Dictionary<string, string> { ["Store__FollowIntervalMs"] = "100", ["ROSTER_ADMIN_KEY"] = "shared-sandbox-key-0123" };
            await using var a = await ServerProcess.StartAsync(Path.Combine(dir, "a"), db, environment);
            await using var b = await ServerProcess.StartAsync(Path.Combine(dir, "b"), db, environment);
            HttpClient Sandbox(ServerProcess node)
            {
                var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "shared-sandbox-key-0123");
                return http;
            }
            using var onA = Sandbox(a);
            using var onB = Sandbox(b);
            var set = await onA.PutAsJsonAsync("/roster/v1/sandbox/clock", new { now = "2031-05-01T12:00:00Z", frozen = true });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            var expected = new DateTimeOffset(2031, 5, 1, 12, 0, 0, TimeSpan.Zero);
            DateTimeOffset? seen = null;
            for (var i = 0; i < 100 && seen != expected; i++)
            {
                var clock = (await onB.GetFromJsonAsync<JsonObject>("/roster/v1/sandbox/clock"))!;
                seen = DateTimeOffset.Parse(clock["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                if (seen != expected) await Task.Delay(100);
            }
            Assert.Equal(expected, seen);
            // B works on that time: a token it issues now (dated 2031) is accepted
            using var http = await ServerProcess.ClientAsync(b.BaseUrl);
            var me = await http.GetAsync("/v2/users/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            PostgresCluster.Drop(db);
            TestTemp.Delete(dir);
        }
    }
}
