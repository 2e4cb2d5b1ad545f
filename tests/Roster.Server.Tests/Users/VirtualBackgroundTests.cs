using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>A user's virtual background files (POST and DELETE /users/{userId}/settings/virtual_backgrounds): uploaded, listed in the settings, deleted, within Zoom's file rules.</summary>
public class VirtualBackgroundTests
{
    /// <summary>A minimal MP4: <c>ftyp</c>, then <c>moov/trak/tkhd</c> (version 0) with the given picture size.</summary>
    public static byte[] Mp4(int width, int height)
    {
        static byte[] Box(string type, byte[] body)
        {
            var box = new byte[8 + body.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
            System.Text.Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
            body.CopyTo(box, 8);
            return box;
        }
        var tkhd = new byte[84];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(tkhd.AsSpan(76), (uint)width << 16);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(tkhd.AsSpan(80), (uint)height << 16);
        var audio = Box("trak", Box("tkhd", new byte[84])); // 0x0: not a picture
        return [.. Box("ftyp", "isom\0\0\0\0isommp41"u8.ToArray()), .. Box("moov", [.. audio, .. Box("trak", Box("tkhd", tkhd))])];
    }

    public static async Task<Reply> Upload(Api api, string userId, byte[] bytes, string? fileName, string part = "file")
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        if (fileName is null) form.Add(content, part); else form.Add(content, part, fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/users/{userId}/settings/virtual_backgrounds") { Content = form };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", api.Token);
        var response = await api.Http.SendAsync(request);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    static async Task<JsonArray> Files(Api api, string userId)
        => (await api.Get($"/v2/users/{userId}/settings")).Json["in_meeting"]!["virtual_background_settings"]?["files"]?.AsArray() ?? [];

    [Fact]
    public async Task FilesAreUploadedListedInSettingsAndDeleted()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("vb@example.com", type: 2);
        (await Upload(api, id, TokenPictureTests.Png, "beach.png")).IsError(400, 300); // the feature is off
        (await api.Patch($"/v2/users/{id}/settings", new { in_meeting = new { virtual_background = true } })).Is(HttpStatusCode.NoContent);

        var image = (await Upload(api, id, TokenPictureTests.Png, "beach.png")).Is(HttpStatusCode.Created).Json;
        Assert.Equal(["id", "is_default", "name", "size", "type"], image.Select(p => p.Key));
        Assert.Equal(("beach.png", "image", TokenPictureTests.Png.Length, false),
            (image["name"]!.GetValue<string>(), image["type"]!.GetValue<string>(), image["size"]!.GetValue<int>(), image["is_default"]!.GetValue<bool>()));
        var video = (await Upload(api, id, Mp4(1280, 720), "office.mp4")).Is(HttpStatusCode.Created).Json;
        Assert.Equal("video", video["type"]!.GetValue<string>());
        var gif = (await Upload(api, id, "GIF89a\x01\0\x01\0"u8.ToArray(), "wave.gif")).Is(HttpStatusCode.Created).Json;

        var listed = await Files(api, id);
        Assert.Equal([image["id"]!.GetValue<string>(), video["id"]!.GetValue<string>(), gif["id"]!.GetValue<string>()],
            listed.Select(f => f!["id"]!.GetValue<string>()));
        // a settings PATCH cannot write the list
        (await api.Patch($"/v2/users/{id}/settings", new { in_meeting = new { virtual_background_settings = new { files = Array.Empty<object>() } } })).Is(HttpStatusCode.NoContent);
        Assert.Equal(3, (await Files(api, id)).Count);

        (await api.Delete($"/v2/users/{id}/settings/virtual_backgrounds?file_ids={image["id"]},nope")).IsError(404, 3001);
        Assert.Equal(3, (await Files(api, id)).Count); // nothing deleted
        (await api.Delete($"/v2/users/{id}/settings/virtual_backgrounds?file_ids={image["id"]},{gif["id"]}")).Is(HttpStatusCode.NoContent);
        Assert.Equal([video["id"]!.GetValue<string>()], (await Files(api, id)).Select(f => f!["id"]!.GetValue<string>()));
        (await api.Delete($"/v2/users/{id}/settings/virtual_backgrounds")).IsError(400, 300);
    }

    [Fact]
    public async Task ZoomsFileRulesHold()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("rules@example.com", type: 2);
        (await api.Patch($"/v2/users/{id}/settings", new { in_meeting = new { virtual_background = true } })).Is(HttpStatusCode.NoContent);
        (await Upload(api, id, "not an image"u8.ToArray(), "x.png")).IsError(400, 120);
        (await Upload(api, id, [], "empty.png")).IsError(400, 120);
        (await Upload(api, id, TokenPictureTests.Png, null)).IsError(400, 120);
        (await Upload(api, id, TokenPictureTests.Png, "x.png", part: "pic_file")).IsError(400, 120);
        (await Upload(api, id, Mp4(320, 240), "small.mp4")).IsError(400, 120);
        (await Upload(api, id, Mp4(3840, 2160), "4k.mp4")).IsError(400, 120);
        var big = new byte[15 * 1024 * 1024 + 1];
        TokenPictureTests.Png.CopyTo(big, 0);
        (await Upload(api, id, big, "big.png")).IsError(400, 120);
        (await api.Send(HttpMethod.Post, $"/v2/users/{id}/settings/virtual_backgrounds", new { file = "x" })).IsError(415, 300);
        Assert.Empty(await Files(api, id));
        for (var i = 0; i < 10; i++) (await Upload(api, id, TokenPictureTests.Png, $"f{i}.png")).Is(HttpStatusCode.Created);
        (await Upload(api, id, TokenPictureTests.Png, "eleventh.png")).IsError(400, 300);
        Assert.Equal(10, (await Files(api, id)).Count);
        (await Upload(api, "ghost@example.com", TokenPictureTests.Png, "x.png")).IsError(404, 1001);
    }
}
