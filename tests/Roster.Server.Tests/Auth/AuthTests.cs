using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

public class AuthTests
{
    static async Task<(HttpStatusCode, JsonObject)> TokenRequest(RosterApp app, string? basic, string form)
    {
        using var http = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded") };
        if (basic is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task ServerToServerTokenHasZoomShape()
    {
        await using var app = new RosterApp();
        var (status, json) = await TokenRequest(app, $"{RosterApp.ClientId}:{RosterApp.ClientSecret}", $"grant_type=account_credentials&account_id={RosterApp.AccountId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("bearer", json["token_type"]!.GetValue<string>());
        Assert.Equal(3600, json["expires_in"]!.GetValue<int>());
        Assert.Contains("user:read:admin", json["scope"]!.GetValue<string>().Split(' '));
        Assert.StartsWith("http", json["api_url"]!.GetValue<string>());
        Assert.StartsWith("eyJ", json["access_token"]!.GetValue<string>());
    }

    /// <summary>What OpenAPI tools send (a docs page's "Authorize"): client_credentials, the secret in the body or as Basic.</summary>
    [Theory]
    [InlineData(null, "grant_type=client_credentials&client_id=test-client&client_secret=test-secret-0123456789")]
    [InlineData("test-client:test-secret-0123456789", "grant_type=client_credentials")]
    [InlineData("test-client:test-secret-0123456789", "grant_type=client_credentials&account_id=acct_primary_000000001")]
    public async Task ClientCredentialsGiveAServerToServerAppItsToken(string? basic, string form)
    {
        await using var app = new RosterApp();
        var (status, json) = await TokenRequest(app, basic, form);
        Assert.Equal(HttpStatusCode.OK, status);
        using var api = app.ApiWith(json["access_token"]!.GetValue<string>());
        Assert.Equal("owner@example.com", (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK).Json["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenParametersMayComeInTheQueryString()
    {
        await using var app = new RosterApp();
        using var http = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/oauth/token?grant_type=account_credentials&account_id={RosterApp.AccountId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RosterApp.ClientId}:{RosterApp.ClientSecret}")));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("test-client:wrong", "grant_type=account_credentials&account_id=acct_primary_000000001", 401, "invalid_client")]
    [InlineData("nobody:test-secret-0123456789", "grant_type=account_credentials&account_id=acct_primary_000000001", 401, "invalid_client")]
    [InlineData("test-client:test-secret-0123456789", "grant_type=account_credentials&account_id=other", 400, "invalid_request")]
    [InlineData("test-client:test-secret-0123456789", "grant_type=password&account_id=acct_primary_000000001", 400, "unsupported_grant_type")]
    [InlineData(null, "grant_type=account_credentials&account_id=acct_primary_000000001", 400, "invalid_request")]
    [InlineData(null, "grant_type=client_credentials&client_id=test-client&client_secret=wrong", 401, "invalid_client")]
    [InlineData("test-client:test-secret-0123456789", "grant_type=client_credentials&account_id=other", 400, "invalid_request")]
    public async Task BadTokenRequestsGetOAuthErrors(string? basic, string form, int status, string error)
    {
        await using var app = new RosterApp();
        var (code, json) = await TokenRequest(app, basic, form);
        Assert.Equal(status, (int)code);
        Assert.Equal(error, json["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(json["reason"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJhaWQiOiJ4In0.c2lnbmF0dXJl")]
    public async Task MissingOrMalformedBearerIs401Code124(string? authorization)
    {
        await using var app = new RosterApp();
        using var http = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v2/users");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await http.SendAsync(request);
        var reply = new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
        reply.IsError(401, 124);
        Assert.True(response.Headers.Contains("x-zm-trackingid"));
    }

    [Fact]
    public async Task ExpiredTokenIs401WithExpiredMessage()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        (await api.Get("/v2/users")).Is(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(3601));
        var reply = (await api.Get("/v2/users")).IsError(401, 124);
        Assert.StartsWith("Access token is expired", reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenSignedByAnotherStoreIsRejected()
    {
        await using var one = new RosterApp();
        await using var two = new RosterApp();
        var foreign = await two.TokenAsync();
        using var api = one.ApiWith(foreign);
        (await api.Get("/v2/users")).IsError(401, 124);
    }
}
