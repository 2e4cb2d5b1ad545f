using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Roster.Server.Tests;

/// <summary>
/// Every operation the server maps (read from its endpoint data source, so a new one cannot escape) against every
/// kind of bad credential: none, malformed, random, expired, forged, another account's, a missing scope, user-level.
/// </summary>
public class AuthMatrixTests
{
    sealed record Call(string Name, string Method, string Path, bool TargetsUser);

    static List<Call> MappedCalls(RosterApp app, string userId)
        => app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Domain.Auth.Operation>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m =>
            {
                var raw = e.RoutePattern.RawText!;
                var path = raw.Replace("{userId}", userId).Replace("{assistantId}", "zz").Replace("{schedulerId}", "zz").Replace("{accountId}", "me").Replace("{roleId}", "2").Replace("{memberId}", userId).Replace("{id}", "User");
                return new Call(e.Metadata.GetMetadata<Domain.Auth.Operation>()!.Id, m, path, raw.Contains("{userId}"));
            })).ToList();

    static bool Scim(Call c) => c.Path.StartsWith("/scim2/", StringComparison.Ordinal);

    /// <summary>Zoom's <c>code</c>, or under <c>/scim2</c> the SCIM error's <c>status</c>.</summary>
    static int? CodeOf(Reply r) => r.Json["code"]?.GetValue<int>() ?? r.Json["status"]?.GetValue<int>();

    static async Task<Reply> Send(HttpClient http, Call c, string? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
        if (c.Method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await http.SendAsync(request);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task EveryOperationRefusesEveryKindOfBadCredential()
    {
        await using var app = new RosterApp();
        await using var stranger = new RosterApp(); // another store: its tokens are forged here
        using var admin = await app.ApiAsync();
        var target = await admin.CreateUser("target@example.com", type: 2);
        var before = (await admin.Get($"/v2/users/{target}")).Body;

        var expired = await app.TokenAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));
        using var fresh = await app.ApiAsync();
        var forged = await stranger.TokenAsync();
        var (other, _, _) = await app.SubAccountAsync(fresh, "boss@tenant.test");
        using var narrow = await app.AppAsync(fresh, null, ["user:read:list_assistants:admin"]);
        var owner = (await fresh.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        (await fresh.Put($"/v2/users/{owner}/password", new { password = "0wnerPassw" })).Is(HttpStatusCode.NoContent);
        var userLevel = await OAuthFlow.UserTokenAsync(app, fresh, "owner@example.com", "0wnerPassw");

        var calls = MappedCalls(app, target);
        Assert.True(calls.Count >= 30, $"only {calls.Count} operations mapped");
        using var http = app.CreateClient();
        var random = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "." + Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + ".x";
        foreach (var c in calls)
        {
            foreach (var (kind, header) in new[]
            {
                ("none", (string?)null), ("malformed", "Bearer"), ("not bearer", "Basic " + fresh.Token), ("random", "Bearer " + random),
                ("expired", "Bearer " + expired), ("forged", "Bearer " + forged), ("tampered", "Bearer " + fresh.Token[..^6] + "AAAAAA"),
            })
            {
                var reply = await Send(http, c, header);
                if (Scim(c)) reply.IsScimError(401); // SCIM's error schema under /scim2, never Zoom's code
                else Assert.True(reply.Status == HttpStatusCode.Unauthorized && reply.Code == 124, $"{c.Name} {c.Method} with a {kind} token: {(int)reply.Status} {reply.Body}");
            }
            var missing = await Send(http, c, "Bearer " + narrow.Token);
            // (Zoom grants every app the event-subscription scopes: no app token lacks them)
            if (Scim(c)) missing.IsScimError(400);
            else if (c.Name != "userAssistants" && !Domain.Auth.Operations.MarketplaceApi.Any(o => o.Id == c.Name)) missing.IsError(400, 4711);
            var user = await Send(http, c, "Bearer " + userLevel);
            if (Scim(c)) user.IsScimError(400); // a user-level token without scim2
            else Assert.True(user.Status == HttpStatusCode.BadRequest && user.Code == 4711, $"{c.Name} {c.Method} with a user-level token: {user.Body}");
            if (c.TargetsUser && c.Name != "switchUserAccount")
            {
                // another account's user answers exactly as a user that does not exist (input errors come first for both)
                var foreign = await Send(http, c, "Bearer " + other.Token);
                var absent = await Send(http, c with { Path = c.Path.Replace(target, "GhostGhostGhostGhost00") }, "Bearer " + other.Token);
                Assert.True((int)foreign.Status >= 400 && foreign.Status == absent.Status && CodeOf(foreign) == CodeOf(absent),
                    $"{c.Name} {c.Method} from another account: {foreign.Body} (absent: {absent.Body})");
            }
        }
        Assert.Equal(before, (await fresh.Get($"/v2/users/{target}")).Body);
    }

    /// <summary>A request to <c>/metrics</c> as it reaches the server from <paramref name="remote"/> (set on the connection).</summary>
    static async Task<(int Status, int? Code, string Body, HttpResponse Response)> Metrics(RosterApp app, IPAddress? remote, string? authorization = null,
        string? relayHeader = null, string method = "GET")
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = remote;
            if (authorization is not null) c.Request.Headers.Authorization = authorization;
            if (relayHeader is not null) c.Request.Headers[relayHeader] = "203.0.113.9";
        });
        using var reader = new StreamReader(context.Response.Body);
        var body = await reader.ReadToEndAsync();
        int? code = body.StartsWith('{') ? JsonNode.Parse(body)!["code"]!.GetValue<int>() : null;
        return (context.Response.StatusCode, code, body, context.Response);
    }

    /// <summary>
    /// The scrape endpoint's rule (docs/operations.md): off by default (404 for everyone); on without a key, only a
    /// loopback connection that no proxy relayed (else 404, as if off); on with <c>Metrics:Key</c>, only that bearer key,
    /// from anywhere (else 401).
    /// </summary>
    [Fact]
    public async Task TheMetricsEndpointIsOffByDefaultThenLoopbackOnlyOrKeyOnly()
    {
        var stranger = IPAddress.Parse("203.0.113.9");
        await using (var off = new RosterApp())
        {
            Assert.Equal((404, 404), Pick(await Metrics(off, IPAddress.Loopback)));
            Assert.Equal((404, 404), Pick(await Metrics(off, IPAddress.Loopback, "Bearer anything")));
        }

        await using (var local = new RosterApp(settings: new Dictionary<string, string> { ["Metrics:Prometheus"] = "true" }))
        {
            foreach (var here in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Loopback.MapToIPv6() })
            {
                var ok = await Metrics(local, here);
                Assert.True(ok.Status == 200, $"{here}: {ok.Status} {ok.Body}");
                // the store's gauges have a sample once its first count is in (a scrape waits 2 s for it at most): wait for it
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
                while (!Exposition.Parse(ok.Body).Samples.Any(s => s.Name == "roster_outbox_lag") && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50);
                    ok = await Metrics(local, here);
                }
                Assert.Contains(Exposition.Parse(ok.Body).Samples, s => s.Name == "roster_outbox_lag");
            }
            // a proxy on this machine relays the world's requests from loopback: any relay header and it is not local
            foreach (var relay in new[] { "X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Host", "X-Forwarded-Proto", "Via" })
                Assert.Equal((404, 404), Pick(await Metrics(local, IPAddress.Loopback, relayHeader: relay)));
            Assert.Equal((404, 404), Pick(await Metrics(local, stranger)));
            Assert.Equal((404, 404), Pick(await Metrics(local, IPAddress.Parse("10.0.0.7"))));
            Assert.Equal((404, 404), Pick(await Metrics(local, null)));
            Assert.Equal(405, (await Metrics(local, IPAddress.Loopback, method: "POST")).Status);
        }

        const string key = "scrape-key-0123456789abcdef";
        await using var keyed = new RosterApp(settings: new Dictionary<string, string> { ["Metrics:Prometheus"] = "true", ["Metrics:Key"] = key });
        Assert.Equal(200, (await Metrics(keyed, stranger, "Bearer " + key)).Status);
        Assert.Equal(200, (await Metrics(keyed, IPAddress.Loopback, "Bearer " + key, relayHeader: "X-Forwarded-For")).Status);
        foreach (var (who, header) in new[]
        {
            (IPAddress.Loopback, (string?)null), (stranger, null), (stranger, "Bearer " + key[..^1]), (stranger, "Bearer " + key + "x"),
            (stranger, "Basic " + key), (stranger, "Bearer"),
        })
        {
            var refused = await Metrics(keyed, who, header);
            Assert.True((refused.Status, refused.Code) == (401, 124), $"{who} {header}: {refused.Status} {refused.Body}");
            Assert.Equal("Bearer", refused.Response.Headers.WWWAuthenticate.ToString());
            Assert.DoesNotContain("roster_", refused.Body);
        }
    }

    static (int, int?) Pick((int Status, int? Code, string Body, HttpResponse Response) reply) => (reply.Status, reply.Code);
}
