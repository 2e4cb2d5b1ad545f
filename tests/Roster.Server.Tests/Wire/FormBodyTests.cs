using System.Net;
using System.Net.Http.Headers;

namespace Roster.Server.Tests;

/// <summary>Every body Zoom lists as JSON or multipart/form-data, sent as a form.</summary>
public class FormBodyTests
{
    static async Task<Reply> Form(Api api, HttpMethod method, string path, params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        var request = new HttpRequestMessage(method, path) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token);
        var response = await api.Http.SendAsync(request);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task FormBodiesWorkLikeJsonForEveryOperationThatTakesABody()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var created = (await Form(api, HttpMethod.Post, "/v2/users", ("action", "custCreate"), ("user_info[email]", "form@example.com"), ("user_info.type", "2"), ("user_info[first_name]", "Form")))
            .Is(HttpStatusCode.Created).Json;
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(2, created["type"]!.GetValue<int>());
        var other = await api.CreateUser("other@elsewhere.test", type: 2);

        (await Form(api, HttpMethod.Patch, $"/v2/users/{id}", ("dept", "Forms"), ("use_pmi", "true"), ("pronouns_option", "2"))).Is(HttpStatusCode.NoContent);
        var user = (await api.Get($"/v2/users/{id}")).Json;
        Assert.Equal("Forms", user["dept"]!.GetValue<string>());
        Assert.True(user["use_pmi"]!.GetValue<bool>());
        (await Form(api, HttpMethod.Put, $"/v2/users/{id}/status", ("action", "deactivate"))).Is(HttpStatusCode.NoContent);
        (await Form(api, HttpMethod.Put, $"/v2/users/{id}/status", ("action", "activate"))).Is(HttpStatusCode.NoContent);
        (await Form(api, HttpMethod.Put, $"/v2/users/{id}/email", ("email", "form2@example.com"))).Is(HttpStatusCode.NoContent);
        (await Form(api, HttpMethod.Post, $"/v2/users/{id}/assistants", ("assistants[0][id]", other))).Is(HttpStatusCode.Created);
        Assert.Single((await api.Get($"/v2/users/{id}/assistants")).Json["assistants"]!.AsArray());
        (await Form(api, HttpMethod.Patch, $"/v2/users/{id}/settings", ("in_meeting.chat", "true"), ("recording.auto_recording", "cloud"))).Is(HttpStatusCode.NoContent);
        var settings = (await api.Get($"/v2/users/{id}/settings")).Json;
        Assert.True(settings["in_meeting"]!["chat"]!.GetValue<bool>());
        Assert.Equal("cloud", settings["recording"]!["auto_recording"]!.GetValue<string>());

        var pw = await api.CreateUser("pw@example.com", action: "autoCreate", password: "Firs7Passw");
        (await Form(api, HttpMethod.Put, $"/v2/users/{pw}/password", ("password", "Secon9Passw"))).Is(HttpStatusCode.NoContent);
        var sub = (await Form(api, HttpMethod.Post, "/v2/accounts", ("first_name", "F"), ("last_name", "B"), ("email", "boss@form.test"), ("password", "Secur3Pass!x"), ("seats", "3")))
            .Is(HttpStatusCode.Created).Json["id"]!.GetValue<string>();
        (await Form(api, HttpMethod.Put, $"/v2/accounts/me/users/{other}/account", ("account_id", sub))).Is(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task FormBodiesAreValidatedTheSameWay()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        (await Form(api, HttpMethod.Post, "/v2/users", ("action", "custCreate"), ("user_info[email]", "x@example.com"), ("user_info[type]", "two"))).IsError(400, 300);
        var reply = (await Form(api, HttpMethod.Post, "/v2/users", ("action", "invent"), ("user_info[email]", "x@example.com"), ("user_info[type]", "1"))).IsError(400, 300);
        Assert.Equal("action", reply.Json["errors"]![0]!["field"]!.GetValue<string>());
        (await Form(api, HttpMethod.Patch, "/v2/users/me/settings", ("in_meeting.entry_exit_chime", "loud"))).IsError(400, 300);
        (await Form(api, HttpMethod.Patch, "/v2/users/me", ("use_pmi", "maybe"))).IsError(400, 300);
        Assert.Single((await api.Get("/v2/users")).Json["users"]!.AsArray());
    }
}
