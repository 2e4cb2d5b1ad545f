using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>SCIM calls for the tests: SCIM JSON in, the parsed answer out, and the SCIM error schema checked.</summary>
public static class Scim
{
    public const string Core = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ZoomUser = "urn:us:zoom:scim:schemas:extension:1.0:ZoomUser";
    public const string ZoomProfile = "urn:ietf:params:scim:schemas:extension:zoom:1.0:User";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public static async Task<Reply> ScimSend(this Api api, HttpMethod method, string path, string? body, string contentType = "application/scim+json", string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        var bearer = token ?? api.Token;
        if (bearer.Length > 0) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Accept.ParseAdd("application/scim+json");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        var response = await api.Http.SendAsync(request);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public static Task<Reply> ScimGet(this Api api, string path) => api.ScimSend(HttpMethod.Get, path, null);
    public static Task<Reply> ScimPost(this Api api, string path, string body) => api.ScimSend(HttpMethod.Post, path, body);
    public static Task<Reply> ScimPut(this Api api, string path, string body) => api.ScimSend(HttpMethod.Put, path, body);
    public static Task<Reply> ScimPatch(this Api api, string path, string body) => api.ScimSend(HttpMethod.Patch, path, body);
    public static Task<Reply> ScimDelete(this Api api, string path) => api.ScimSend(HttpMethod.Delete, path, null);

    /// <summary>A user made through SCIM; its id.</summary>
    public static async Task<string> ScimCreate(this Api api, string email, string given = "Ada", string family = "Lovelace", string type = "Basic")
    {
        var reply = await api.ScimPost("/scim2/Users", $$"""
            {"schemas":["{{Core}}"],"userName":"{{email}}","name":{"givenName":"{{given}}","familyName":"{{family}}"},"userType":"{{type}}","active":true}
            """);
        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);
        return reply.Json["id"]!.GetValue<string>();
    }

    /// <summary>Asserts the SCIM error schema with this status (a number, as Zoom sends it) and scimType (null: none).</summary>
    public static Reply IsScimError(this Reply reply, int status, string? scimType = null)
    {
        Assert.True((int)reply.Status == status, $"expected {status}, got {(int)reply.Status}: {reply.Body}");
        Assert.StartsWith("application/scim+json", reply.Response.Content.Headers.ContentType?.ToString());
        var json = reply.Json;
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", json["schemas"]![0]!.GetValue<string>());
        Assert.Equal(status, json["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(json["detail"]?.GetValue<string>()), reply.Body);
        Assert.False(json.ContainsKey("code"), reply.Body);
        Assert.Equal(scimType, json["scimType"]?.GetValue<string>());
        return reply;
    }

    /// <summary>
    /// The events after <paramref name="after"/> once <paramref name="done"/> holds of them (within 30 s, else as they are):
    /// on PostgreSQL an event shows when no older transaction is still open, a moment after its write answered.
    /// </summary>
    public static async Task<List<(string Type, string? Subject)>> EventsUntilAsync(this Api api, string after, Func<List<(string Type, string? Subject)>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (events, _) = await api.EventsAsync(after);
            if (done(events) || DateTime.UtcNow > deadline) return events;
            await Task.Delay(50);
        }
    }

    /// <summary>The event types recorded for the account after <paramref name="after"/> (the events API), in order.</summary>
    public static async Task<(List<(string Type, string? Subject)> Events, string Next)> EventsAsync(this Api api, string after = "0")
    {
        var json = (await api.Get($"/roster/v1/events?after={after}&page_size=300")).Is(HttpStatusCode.OK).Json;
        var events = json["events"]!.AsArray().Select(e => (e!["event"]!.GetValue<string>(), e["subject_id"]?.GetValue<string>())).ToList();
        return (events, json["next_after"]!.GetValue<string>());
    }
}
