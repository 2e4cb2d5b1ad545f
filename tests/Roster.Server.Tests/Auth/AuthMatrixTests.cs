using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
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
                var path = raw.Replace("{userId}", userId).Replace("{assistantId}", "zz").Replace("{schedulerId}", "zz").Replace("{accountId}", "me").Replace("{roleId}", "2").Replace("{memberId}", userId);
                return new Call(e.Metadata.GetMetadata<Domain.Auth.Operation>()!.Id, m, path, raw.Contains("{userId}"));
            })).ToList();

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
                Assert.True(reply.Status == HttpStatusCode.Unauthorized && reply.Code == 124, $"{c.Name} {c.Method} with a {kind} token: {(int)reply.Status} {reply.Body}");
            }
            var missing = await Send(http, c, "Bearer " + narrow.Token);
            // (Zoom grants every app the event-subscription scopes: no app token lacks them)
            if (c.Name != "userAssistants" && !Domain.Auth.Operations.MarketplaceApi.Any(o => o.Id == c.Name)) missing.IsError(400, 4711);
            var user = await Send(http, c, "Bearer " + userLevel);
            Assert.True(user.Status == HttpStatusCode.BadRequest && user.Code == 4711, $"{c.Name} {c.Method} with a user-level token: {user.Body}");
            if (c.TargetsUser && c.Name != "switchUserAccount")
            {
                // another account's user answers exactly as a user that does not exist (input errors come first for both)
                var foreign = await Send(http, c, "Bearer " + other.Token);
                var absent = await Send(http, c with { Path = c.Path.Replace(target, "GhostGhostGhostGhost00") }, "Bearer " + other.Token);
                Assert.True((int)foreign.Status >= 400 && foreign.Status == absent.Status && foreign.Code == absent.Code,
                    $"{c.Name} {c.Method} from another account: {foreign.Body} (absent: {absent.Body})");
            }
        }
        Assert.Equal(before, (await fresh.Get($"/v2/users/{target}")).Body);
    }
}
