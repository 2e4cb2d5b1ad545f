using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Roster.Server.Tests;

/// <summary>
/// Wrong credentials from one address never lock the owner out at another, on a real socket (loopback has many
/// addresses: each client binds its own). Guessing stays slow per address, and bounded per subject across addresses,
/// except where the subject's credential has succeeded before. The app's clock stands still, so no bucket refills
/// while a test runs.
/// </summary>
public class GuessingTests
{
    const string Guesser = "127.0.0.2", Owner = "127.0.0.3";
    const string OwnerPassword = "0wnerPassw0rd";
    const string Redirect = "https://app.example.test/callback";

    /// <summary>A Roster on a real loopback port; a subject takes 20 failures (two addresses' worth) before it refuses strangers.</summary>
    static (RosterApp App, Uri Base) Serve()
    {
        var app = new RosterApp(settings: new Dictionary<string, string> { ["Throttle:SubjectBurst"] = "20", ["ROSTER_OWNER_PASSWORD"] = OwnerPassword });
        app.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    /// <summary>An HTTP client whose connections leave from <paramref name="local"/>, with cookies, not following redirects.</summary>
    static HttpClient From(string local, Uri baseAddress) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(local), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = baseAddress };

    static Task<HttpResponseMessage> Token(HttpClient http, string clientId, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "account_credentials", ["account_id"] = RosterApp.AccountId }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return http.SendAsync(request);
    }

    /// <summary>Sends wrong guesses until one is refused; the statuses seen, the refusal last.</summary>
    static async Task<List<HttpResponseMessage>> GuessUntilRefused(Func<int, Task<HttpResponseMessage>> guess)
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 40 && (answers.Count == 0 || answers[^1].StatusCode != HttpStatusCode.TooManyRequests); i++) answers.Add(await guess(i));
        return answers;
    }

    static void AssertThrottledAfterTen(List<HttpResponseMessage> answers, HttpStatusCode wrong)
    {
        Assert.Equal(11, answers.Count);
        Assert.All(answers[..10], a => Assert.Equal(wrong, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].StatusCode);
        Assert.InRange(answers[^1].Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 6);
    }

    [Fact]
    public async Task WrongSecretsFromOneAddressDoNotStopTheAppsRightSecretFromAnother()
    {
        var (app, url) = Serve();
        await using var _ = app;
        using var guesser = From(Guesser, url);
        using var owner = From(Owner, url);
        var answers = await GuessUntilRefused(i => Token(guesser, RosterApp.ClientId, "wrong-" + i));
        AssertThrottledAfterTen(answers, HttpStatusCode.Unauthorized);
        Assert.Equal("too_many_requests", JsonNode.Parse(await answers[^1].Content.ReadAsStringAsync())!["error"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await Token(owner, RosterApp.ClientId, RosterApp.ClientSecret)).StatusCode);
        // the guessing address stays bounded, right secret or not: nothing is checked while it waits
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Token(guesser, RosterApp.ClientId, RosterApp.ClientSecret)).StatusCode);
    }

    [Fact]
    public async Task AClientIdGuessedFromManyAddressesRefusesStrangersButNotWhereItsSecretWorked()
    {
        var (app, url) = Serve();
        await using var _ = app;
        using var owner = From(Owner, url);
        Assert.Equal(HttpStatusCode.OK, (await Token(owner, RosterApp.ClientId, RosterApp.ClientSecret)).StatusCode);
        foreach (var address in new[] { "127.0.0.10", "127.0.0.11" })
        {
            using var guesser = From(address, url);
            AssertThrottledAfterTen(await GuessUntilRefused(i => Token(guesser, RosterApp.ClientId, "wrong-" + i)), HttpStatusCode.Unauthorized);
        }
        using var stranger = From("127.0.0.12", url);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Token(stranger, RosterApp.ClientId, "wrong")).StatusCode); // the subject's 20 are used up
        Assert.Equal(HttpStatusCode.OK, (await Token(owner, RosterApp.ClientId, RosterApp.ClientSecret)).StatusCode);
    }

    static async Task<HttpResponseMessage> ConsoleSignIn(HttpClient http, string email, string password)
        => await HtmlForms.Submit(http, "/console/sign-in", new() { ["method"] = "password", ["email"] = email, ["password"] = password });

    [Fact]
    public async Task WrongConsolePasswordsFromOneAddressDoNotStopTheOwnerFromAnother()
    {
        var (app, url) = Serve();
        await using var _ = app;
        using var guesser = From(Guesser, url);
        using var owner = From(Owner, url);
        AssertThrottledAfterTen(await GuessUntilRefused(i => ConsoleSignIn(guesser, "owner@example.com", "Wrong" + i + "pass")), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.SeeOther, (await ConsoleSignIn(owner, "owner@example.com", OwnerPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ConsoleSignIn(guesser, "owner@example.com", OwnerPassword)).StatusCode);

        // the e-mail is bounded across addresses: a second guessing address uses up its 20; a stranger then waits,
        // the owner's own address does not
        using var second = From("127.0.0.10", url);
        AssertThrottledAfterTen(await GuessUntilRefused(i => ConsoleSignIn(second, "owner@example.com", "Wrong" + i + "pass")), HttpStatusCode.Unauthorized);
        using var stranger = From("127.0.0.11", url);
        var refused = await ConsoleSignIn(stranger, "owner@example.com", "Wrong1pass");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        using var ownerAgain = From(Owner, url);
        Assert.Equal(HttpStatusCode.SeeOther, (await ConsoleSignIn(ownerAgain, "owner@example.com", OwnerPassword)).StatusCode);
    }

    [Fact]
    public async Task WrongConsentPasswordsFromOneAddressDoNotStopTheUserFromAnother()
    {
        var (app, url) = Serve();
        await using var _ = app;
        using var admin = await app.ApiAsync();
        var created = (await admin.Post("/roster/v1/apps", new { type = "user", redirect_uris = new[] { Redirect } })).Is(HttpStatusCode.Created).Json;
        var clientId = created["client_id"]!.GetValue<string>();
        Task<HttpResponseMessage> Consent(HttpClient http, string password)
            => HtmlForms.Submit(http, $"/oauth/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(Redirect)}",
                new() { ["client_id"] = clientId, ["redirect_uri"] = Redirect, ["email"] = "owner@example.com", ["password"] = password });
        using var guesser = From(Guesser, url);
        using var owner = From(Owner, url);
        AssertThrottledAfterTen(await GuessUntilRefused(i => Consent(guesser, "Wrong" + i + "pass")), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Redirect, (await Consent(owner, OwnerPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Consent(guesser, OwnerPassword)).StatusCode);
    }

    [Fact]
    public async Task WrongSandboxKeysAndInvitationTokensFromOneAddressDoNotStopAnother()
    {
        var (app, url) = Serve();
        await using var _ = app;
        using var guesser = From(Guesser, url);
        using var owner = From(Owner, url);
        Task<HttpResponseMessage> Reset(HttpClient http, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/roster/v1/sandbox/snapshots");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return http.SendAsync(request);
        }
        AssertThrottledAfterTen(await GuessUntilRefused(i => Reset(guesser, "rsk_guess" + i)), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await Reset(owner, SandboxTests.AdminKey(app))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Reset(guesser, SandboxTests.AdminKey(app))).StatusCode);

        using var api = await app.ApiAsync();
        await api.CreateUser("invitee@example.com", action: "create");
        var link = new Uri((await api.Get("/roster/v1/invitations")).Json["invitations"]!.AsArray().Single()!["link"]!.GetValue<string>());
        using var guesser2 = From("127.0.0.10", url);
        var form = HtmlForms.Csrf(await guesser2.GetStringAsync(link.PathAndQuery)); // a real form token: the guesses reach the token check
        AssertThrottledAfterTen(await GuessUntilRefused(i => guesser2.PostAsync("/invitations?token=guess" + i,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = form, ["password"] = "Invit3dPassw" }))), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await HtmlForms.Submit(owner, link.PathAndQuery, new() { ["password"] = "Invit3dPassw" })).StatusCode);
    }
}
