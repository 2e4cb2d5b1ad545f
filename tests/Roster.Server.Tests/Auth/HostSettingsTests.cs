using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Roster.Server.Tests;

/// <summary>
/// Settings are the host's own, not the process's: two servers in one process, one with a cheap password hash and a
/// tight failure throttle, the other with the defaults, each keep theirs while both serve.
/// </summary>
public class HostSettingsTests
{
    static async Task<HttpStatusCode> WrongSecret(RosterApp app)
    {
        using var http = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "account_credentials", ["account_id"] = RosterApp.AccountId }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RosterApp.ClientId}:wrong")));
        return (await http.SendAsync(request)).StatusCode;
    }

    static async Task<string> OwnerHash(RosterApp app)
    {
        using var api = await app.ApiAsync();
        (await api.Put("/v2/users/me/password", new { password = "0wnerPassw0rd" })).Is(HttpStatusCode.NoContent);
        var store = app.Services.GetRequiredService<Domain.Abstractions.IRosterStore>();
        return (await store.ReadAsync(s => s.GetUserByEmailAsync("owner@example.com")))!.PasswordHash!;
    }

    static Storage.StoreTuning Tuning(RosterApp app) => app.Services.GetRequiredService<Storage.IStoreEngine>().Store switch
    {
        Storage.SqliteStore sqlite => sqlite.Tuning,
        Storage.PostgresStore pg => pg.Tuning,
        var other => throw new InvalidOperationException(other.GetType().Name),
    };

    [Fact]
    public async Task TwoServersInOneProcessKeepTheirOwnSettings()
    {
        await using var tuned = new RosterApp(settings: new Dictionary<string, string>
        {
            ["Passwords:Iterations"] = "1000", ["Throttle:AddressBurst"] = "2", ["StoreTuning:BrowseCandidates"] = "200",
        });
        await using var plain = new RosterApp();

        Assert.StartsWith("pbkdf2-sha512$1000$", await OwnerHash(tuned), StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha512$210000$", await OwnerHash(plain), StringComparison.Ordinal);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests],
            [await WrongSecret(tuned), await WrongSecret(tuned), await WrongSecret(tuned)]);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            [await WrongSecret(plain), await WrongSecret(plain), await WrongSecret(plain)]);

        Assert.Equal(200, Tuning(tuned).BrowseCandidates);
        Assert.Equal(new Storage.StoreTuning(), Tuning(plain));
    }
}
