using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

public class TokenPictureTests
{
    static async Task<bool> Active(Api api, string token)
    {
        var r = (await api.Post("/roster/v1/tokens/verify", new { token })).Is(HttpStatusCode.OK);
        return r.Json["active"]!.GetValue<bool>();
    }

    [Fact]
    public async Task ZakAndTokenAreSignedExpiringAndRevocable()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("host@example.com", type: 2);
        var zak = (await api.Get($"/v2/users/{id}/token?type=zak&ttl=600")).Is(HttpStatusCode.OK).Json["token"]!.GetValue<string>();
        var sdk = (await api.Get($"/v2/users/{id}/token")).Json["token"]!.GetValue<string>();
        Assert.True(zak.Length <= 512);
        Assert.True(await Active(api, zak));
        Assert.True(await Active(api, sdk));
        Assert.False(await Active(api, zak[..^3] + "AAA"));

        app.Clock.Advance(TimeSpan.FromSeconds(601));
        Assert.False(await Active(api, zak));
        Assert.True(await Active(api, sdk));

        using var later = await app.ApiAsync();
        (await later.Delete($"/v2/users/{id}/token")).Is(HttpStatusCode.NoContent);
        Assert.False(await Active(later, sdk));
        app.Clock.Advance(TimeSpan.FromMilliseconds(5));
        var fresh = (await later.Get($"/v2/users/{id}/token?type=zak")).Json["token"]!.GetValue<string>();
        Assert.True(await Active(later, fresh));
    }

    [Fact]
    public async Task TtlIsForZaksOnly()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("sdk@example.com", type: 2);
        var token = (await api.Get($"/v2/users/{id}/token?type=token&ttl=60")).Is(HttpStatusCode.OK).Json["token"]!.GetValue<string>();
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(await Active(api, token)); // the SDK token keeps its 14 days
    }

    [Theory]
    [InlineData("?type=zak&ttl=0")]
    [InlineData("?type=zak&ttl=31536001")]
    [InlineData("?type=onbehalf")]
    [InlineData("?type=zak&ttl=soon")]
    public async Task BadTokenQueriesAre300(string query)
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        (await api.Get($"/v2/users/me/token{query}")).IsError(400, 300);
    }

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

    public static async Task<Reply> Upload(Api api, string userId, byte[] bytes, string? fileName, string part = "pic_file")
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (fileName is null) form.Add(content, part);
        else form.Add(content, part, fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/users/{userId}/picture") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token);
        var response = await api.Http.SendAsync(request);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task PictureIsRecognisedByContentAndServedBack()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("face@example.com");
        var reply = (await Upload(api, id, Png, "me.jpg")).Is(HttpStatusCode.Created);
        Assert.Equal("", reply.Body); // Zoom documents no body
        var picUrl = (await api.Get($"/v2/users/{id}")).Json["pic_url"]!.GetValue<string>();
        var served = await api.Http.GetAsync(new Uri(picUrl).AbsolutePath);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());

        (await Upload(api, id, "GIF89a not really"u8.ToArray(), "fake.png")).IsError(400, 120);
        (await Upload(api, id, [], "empty.png")).IsError(400, 120);
        (await Upload(api, id, Png, null)).IsError(400, 120);
        (await Upload(api, id, Png, "x.png", part: "file")).IsError(400, 120);
        var big = new byte[2 * 1024 * 1024 + 1];
        Png.CopyTo(big, 0);
        (await Upload(api, id, big, "big.png")).IsError(400, 120);
        (await api.Send(HttpMethod.Post, $"/v2/users/{id}/picture", new { pic_file = "x" })).IsError(415, 300);
        (await Upload(api, "nobody", Png, "x.png")).IsError(404, 1001);
        // the first picture is still the one served
        Assert.Equal(picUrl, (await api.Get($"/v2/users/{id}")).Json["pic_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task OwnZakIsOfTheTokensUserAndLastsFiveMinutes()
    {
        await using var app = new RosterApp();
        using var admin = await app.ApiAsync();
        var zak = (await admin.Get("/v2/users/me/zak")).Is(HttpStatusCode.OK).Json["token"]!.GetValue<string>();
        var verified = (await admin.Post("/roster/v1/tokens/verify", new { token = zak })).Is(HttpStatusCode.OK).Json;
        Assert.True(verified["active"]!.GetValue<bool>());
        var ownerId = (await admin.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
        Assert.Equal(ownerId, verified["user_id"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromSeconds(301));
        Assert.False((await admin.Post("/roster/v1/tokens/verify", new { token = zak })).Json["active"]!.GetValue<bool>());

        // Zoom's scope for it is user_zak:read; user:read alone is not enough
        using var reader = await app.AppAsync(admin, null, ["user:read"]);
        (await reader.Get("/v2/users/me/zak")).IsError(400, 4711);
        using var zakOnly = await app.AppAsync(admin, null, ["user_zak:read"]);
        (await zakOnly.Get("/v2/users/me/zak")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeletingAPictureClearsPicUrlAndStopsServingIt()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("face@example.com");
        (await api.Delete($"/v2/users/{id}/picture")).Is(HttpStatusCode.NoContent); // none yet: nothing to do, no error
        (await TokenPictureTests.Upload(api, id, TokenPictureTests.Png, "me.png")).Is(HttpStatusCode.Created);
        var picUrl = (await api.Get($"/v2/users/{id}")).Json["pic_url"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(new Uri(picUrl).AbsolutePath)).StatusCode);

        (await api.Delete($"/v2/users/{id}/picture")).Is(HttpStatusCode.NoContent);
        Assert.Equal("", (await api.Get($"/v2/users/{id}")).Json["pic_url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync(new Uri(picUrl).AbsolutePath)).StatusCode);
        (await api.Delete("/v2/users/nobody@example.com/picture")).IsError(404, 1001);
    }
}
