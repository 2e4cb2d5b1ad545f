using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Roster.Server.Tests;

/// <summary>Secrets stay secret: never in a log, and sealed at rest when a key-encryption key is given.</summary>
public class SecretsTests
{
    const string Redirect = "https://app.example.test/callback";

    static HttpRequestMessage Basic(HttpMethod method, string url, string id, string secret, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        return request;
    }

    [Fact]
    public async Task AFullRunAtDebugLevelLogsNoSecretItUsed()
    {
        var dir = TestTemp.NewFolder("roster-logs");
        var store = TestEngine.Postgres ? PostgresCluster.NewDatabase() : null;
        var secrets = new List<string> { RosterApp.ClientSecret };
        try
        {
            await using (var server = await ServerProcess.StartAsync(dir, store, new Dictionary<string, string>
            {
                ["Logging__LogLevel__Default"] = "Debug", ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
                ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            }))
            {
                using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(server.BaseUrl) };
                // the token endpoint with its parameters in the query string, as some clients send them
                var tokenReply = await http.SendAsync(Basic(HttpMethod.Post, $"/oauth/token?grant_type=account_credentials&account_id={RosterApp.AccountId}",
                    RosterApp.ClientId, RosterApp.ClientSecret));
                var access = JsonNode.Parse(await tokenReply.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
                secrets.Add(access);
                using var api = new Api(new HttpClient { BaseAddress = new Uri(server.BaseUrl) }, access);

                var owner = (await api.Get("/v2/users/me")).Json["id"]!.GetValue<string>();
                (await api.Put($"/v2/users/{owner}/password", new { password = "0wnerPassw1" })).Is(HttpStatusCode.NoContent);
                secrets.Add("0wnerPassw1");
                await api.CreateUser("auto@example.com", action: "autoCreate", password: "Aut0Passw0rd");
                secrets.Add("Aut0Passw0rd");
                await api.CreateUser("invitee@example.com", action: "create");
                var link = (await api.Get("/roster/v1/invitations")).Json["invitations"]!.AsArray().Single()!["link"]!.GetValue<string>();
                var invitePath = new Uri(link).PathAndQuery;
                secrets.Add(invitePath["/invitations?token=".Length..]);
                var accepted = await HtmlForms.Submit(http, invitePath, new() { ["password"] = "Invit3dPassw" });
                Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
                secrets.Add("Invit3dPassw");
                var zak = (await api.Get($"/v2/users/{owner}/token?type=zak")).Json["token"]!.GetValue<string>();
                secrets.Add(zak);
                (await api.Post("/roster/v1/tokens/verify", new { token = zak })).Is(HttpStatusCode.OK);

                var app = (await api.Post("/roster/v1/apps", new { type = "user", redirect_uris = new[] { Redirect } })).Is(HttpStatusCode.Created).Json;
                var (id, secret) = (app["client_id"]!.GetValue<string>(), app["client_secret"]!.GetValue<string>());
                secrets.Add(secret);
                var verifier = "verifier-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
                secrets.Add(verifier);
                var signedIn = await HtmlForms.Submit(http, $"/oauth/authorize?response_type=code&client_id={id}&redirect_uri={Uri.EscapeDataString(Redirect)}",
                    new() { ["client_id"] = id, ["redirect_uri"] = Redirect, ["email"] = "owner@example.com", ["password"] = "0wnerPassw1", ["code_challenge"] = verifier, ["code_challenge_method"] = "plain" });
                var code = QueryHelpers.ParseQuery(signedIn.Headers.Location!.Query)["code"].ToString();
                secrets.Add(code);
                var exchanged = await http.SendAsync(Basic(HttpMethod.Post,
                    $"/oauth/token?grant_type=authorization_code&code={code}&redirect_uri={Uri.EscapeDataString(Redirect)}&code_verifier={verifier}", id, secret));
                var grant = JsonNode.Parse(await exchanged.Content.ReadAsStringAsync())!;
                var refresh = grant["refresh_token"]!.GetValue<string>();
                secrets.Add(grant["access_token"]!.GetValue<string>());
                secrets.Add(refresh);
                var refreshed = await http.SendAsync(Basic(HttpMethod.Post, $"/oauth/token?grant_type=refresh_token&refresh_token={refresh}", id, secret));
                Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
                secrets.Add(JsonNode.Parse(await refreshed.Content.ReadAsStringAsync())!["refresh_token"]!.GetValue<string>());

                await Task.Delay(300); // let the last lines reach the pipe
                var log = server.Log;
                Assert.Contains("/v2/users", log); // the request log is on: the scan below means something
                foreach (var s in secrets)
                {
                    var line = log.Split('\n').FirstOrDefault(l => l.Contains(s, StringComparison.Ordinal));
                    Assert.True(line is null, $"the log holds a secret: {line?.Replace(s, "<SECRET>")}");
                    Assert.False(log.Contains(Uri.EscapeDataString(s), StringComparison.Ordinal), $"the log holds an escaped secret ({s[..Math.Min(6, s.Length)]}…)");
                }
            }
        }
        finally
        {
            if (store is not null) PostgresCluster.Drop(store);
            TestTemp.Delete(dir);
        }
    }

    [Fact]
    public async Task WithAKeyEncryptionKeyTheSigningKeyIsSealedAtRest()
    {
        var kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var app = new RosterApp(settings: new Dictionary<string, string> { ["ROSTER_KEY_ENCRYPTION_KEY"] = kek });
        using var api = await app.ApiAsync();
        (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK);
        var stored = await app.MetaAsync("signing_key");
        Assert.StartsWith("aesgcm1:", stored);
        Assert.DoesNotContain("<key", await app.MetaAsync("dataprotection_keys") ?? "aesgcm1:");
    }
}
