using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>The outbox seen through <c>GET /roster/v1/events</c>, on either engine.</summary>
public class EventsTests
{
    static async Task<JsonArray> Events(Api api, string after = "")
        => (await api.Get($"/roster/v1/events?after={after}&page_size=300")).Is(HttpStatusCode.OK).Json["events"]!.AsArray();

    /// <summary>
    /// The events once at least <paramref name="count"/> are readable: on PostgreSQL an event shows only when every
    /// transaction older than its own, in any database of the cluster, has ended (parallel tests keep some open).
    /// </summary>
    public static Task<JsonArray> AtLeast(Func<Task<JsonArray>> read, int count) => Until(read, events => events.Count >= count);

    /// <summary>What <paramref name="read"/> gives once <paramref name="done"/> holds, read again every 100 ms for up to 10 s (then as it stands).</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var i = 0; i < 100 && !done(value); i++)
        {
            await Task.Delay(100);
            value = await read();
        }
        return value;
    }

    [Fact]
    public async Task EachWriteThroughTheApiLeavesItsEventsAndRefusedOnesNone()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var start = (await Events(api)).Count;
        var id = await api.CreateUser("ev@example.com", type: 2);
        (await api.Patch($"/v2/users/{id}", new { dept = "Ops" })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{id}/settings", new { in_meeting = new { chat = true } })).Is(HttpStatusCode.NoContent);
        (await api.Put($"/v2/users/{id}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "ev@example.com", type = 1 } })).IsError(409, 1005);
        (await api.Patch($"/v2/users/{id}/settings", new { in_meeting = new { chat = "no" } })).IsError(400, 300);
        (await api.Delete($"/v2/users/{id}?action=delete")).Is(HttpStatusCode.NoContent);

        var events = (await AtLeast(() => Events(api), start + 5)).Skip(start).Select(e => e!.AsObject()).ToList();
        Assert.Equal(["user.created", "user.updated", "user.settings_updated", "user.deactivated", "user.deleted"],
            events.Select(e => e["event"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal(id, e["subject_id"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal(RosterApp.ClientId, e["operator_client_id"]!.GetValue<string>()));
        Assert.Equal("Ops", events[1]["payload"]!["object"]!["dept"]!.GetValue<string>());
        var seqs = events.Select(e => e["seq"]!.GetValue<long>()).ToList();
        Assert.Equal(seqs.Order(), seqs);

        // paging continues after the cursor of the last page; another account sees none of these
        var firstPage = (await api.Get($"/roster/v1/events?page_size={start + 3}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(seqs[2], firstPage["events"]!.AsArray()[^1]!["seq"]!.GetValue<long>());
        Assert.Equal(seqs.Skip(3), (await Events(api, firstPage["next_after"]!.GetValue<string>())).Select(e => e!["seq"]!.GetValue<long>()));
        var (sub, _, _) = await app.SubAccountAsync(api, "boss@tenant.test");
        Assert.DoesNotContain(await Events(sub), e => e!["subject_id"]?.GetValue<string>() == id);
        (await api.Get("/roster/v1/events?page_size=0")).IsError(400, 300);
        (await api.Get("/roster/v1/events?after=x")).IsError(400, 300);
        (await api.Get("/roster/v1/events?after=-1")).IsError(400, 300);
        (await api.Get("/roster/v1/events?after=1-")).IsError(400, 300);
    }

    [Fact]
    public async Task TheStreamShowsEventsAsTheyCommitAndResumesFromLastEventId()
    {
        // a real server process: the in-process test server does not stream responses to a client that reads as they come
        var dir = TestTemp.NewFolder("roster-stream");
        using var cleanup = new Cleanup(() => TestTemp.Delete(dir)); // after the server stops (disposed in reverse order)
        await using var server = await ServerProcess.StartAsync(dir);
        using var api = new Api(await ServerProcess.ClientAsync(server.BaseUrl), await ServerProcess.TokenAsync(server.BaseUrl));
        var before = await api.CreateUser("before@example.com");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/roster/v1/events/stream?timeout=30");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", api.Token);
        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var items = System.Net.ServerSentEvents.SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync().GetAsyncEnumerator();
        var id = await api.CreateUser("live@example.com");
        (await api.Patch($"/v2/users/{id}", new { dept = "Live" })).Is(HttpStatusCode.NoContent);
        var seen = new List<System.Net.ServerSentEvents.SseItem<string>>();
        using (var cut = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            while (seen.Count < 2 && await items.MoveNextAsync().AsTask().WaitAsync(cut.Token)) seen.Add(items.Current);
        await items.DisposeAsync();
        // from now: the user made before the stream opened is not in it
        Assert.Equal(["user.created", "user.updated"], seen.Select(i => i.EventType));
        var created = JsonNode.Parse(seen[0].Data)!;
        Assert.Equal(id, created["subject_id"]!.GetValue<string>());
        Assert.NotEqual(before, created["subject_id"]!.GetValue<string>());

        // resuming after the first: the second again, at once
        using var again = new HttpRequestMessage(HttpMethod.Get, "/roster/v1/events/stream?timeout=1");
        again.Headers.Authorization = request.Headers.Authorization;
        again.Headers.Add("Last-Event-ID", seen[0].EventId);
        using var resumed = await api.Http.SendAsync(again);
        var replay = new List<string>();
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(await resumed.Content.ReadAsStreamAsync()).EnumerateAsync()) replay.Add(item.EventType);
        Assert.Equal(["user.updated"], replay);
        (await api.Get("/roster/v1/events/stream?timeout=9999")).IsError(400, 300);
        (await api.Get("/roster/v1/events/stream?after=x")).IsError(400, 300);
    }

}

public class SignInTests
{
    [Fact]
    public async Task SignInsSetLastLoginTime()
    {
        const string redirect = "https://app.example.test/callback";
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("invitee@example.com", action: "create");
        Assert.Null((await api.Get($"/v2/users/{id}")).Json["last_login_time"]);
        var link = (await api.Get("/roster/v1/invitations")).Json["invitations"]!.AsArray().Single()!["link"]!.GetValue<string>();
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await HtmlForms.Submit(browser, new Uri(link).PathAndQuery, new() { ["password"] = "Invit3dPassw" })).StatusCode);
        var activated = app.Clock.Now;
        Assert.Equal(activated.ToUnixTimeSeconds(), ((await api.Get($"/v2/users/{id}")).Json["last_login_time"]!.GetValue<DateTimeOffset>()).ToUnixTimeSeconds());

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var created = (await api.Post("/roster/v1/apps", new { type = "user", redirect_uris = new[] { redirect } })).Is(HttpStatusCode.Created).Json;
        var clientId = created["client_id"]!.GetValue<string>();
        var signedIn = await HtmlForms.Submit(browser, $"/oauth/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirect)}",
            new() { ["client_id"] = clientId, ["redirect_uri"] = redirect, ["email"] = "invitee@example.com", ["password"] = "Invit3dPassw" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var listed = (await api.Get("/v2/users?page_size=300")).Json["users"]!.AsArray().Single(u => u!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(app.Clock.Now.ToUnixTimeSeconds(), listed["last_login_time"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds());
        var events = (await EventsTests.AtLeast(async () => new JsonArray([.. (await api.Get("/roster/v1/events?page_size=300")).Json["events"]!.AsArray()
                .Where(e => e!["subject_id"]?.GetValue<string>() == id).Select(e => e!.DeepClone())]), 4))
            .Select(e => e!["event"]!.GetValue<string>()).ToList();
        Assert.Equal(["user.created", "user.invitation_accepted", "user.signed_in", "user.signed_in"], events);
    }
}

public class OwnerPasswordTests
{
    [Fact]
    public async Task TheOwnersPasswordCanBeChosenAtTheFirstStart()
    {
        await using var app = new RosterApp(settings: new Dictionary<string, string> { ["ROSTER_OWNER_PASSWORD"] = "0wnerFromEnv" });
        using var admin = await app.ApiAsync();
        var token = await OAuthFlow.UserTokenAsync(app, admin, "owner@example.com", "0wnerFromEnv");
        using var owner = app.ApiWith(token);
        Assert.Equal("owner@example.com", (await owner.Get("/v2/users/me")).Is(HttpStatusCode.OK).Json["email"]!.GetValue<string>());
    }
}

/// <summary>Runs an action when disposed.</summary>
sealed class Cleanup(Action action) : IDisposable
{
    public void Dispose() => action();
}
