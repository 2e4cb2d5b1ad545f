using System.Net;

namespace Roster.Server.Tests;

public class UsersUpdateTests
{
    [Fact]
    public async Task PatchChangesOnlyTheFieldsSent()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("edit@example.com", type: 2);
        (await api.Patch($"/v2/users/{id}", new
        {
            first_name = "Grace", dept = "R&D", timezone = "America/Chicago", language = "fr-FR", job_title = "Eng", company = "Roster",
            location = "Paris", manager = "boss@example.com", pmi = 3542471135L, use_pmi = true, vanity_name = "grace.h", host_key = "654321",
            pronouns = "she/her", pronouns_option = 2, phone_numbers = new[] { new { code = "+1", country = "US", label = "Mobile", number = "5550100" } },
        })).Is(HttpStatusCode.NoContent);
        var u = (await api.Get($"/v2/users/{id}")).Json;
        Assert.Equal("Grace", u["first_name"]!.GetValue<string>());
        Assert.Equal("Last", u["last_name"]!.GetValue<string>());
        Assert.Equal("R&D", u["dept"]!.GetValue<string>());
        Assert.Equal("America/Chicago", u["timezone"]!.GetValue<string>());
        Assert.Equal(3542471135L, u["pmi"]!.GetValue<long>());
        Assert.True(u["use_pmi"]!.GetValue<bool>());
        Assert.EndsWith("/my/grace.h", u["vanity_url"]!.GetValue<string>());
        Assert.Equal("Mobile", u["phone_numbers"]![0]!["label"]!.GetValue<string>());
        Assert.False(u.ContainsKey("host_key"));
        (await api.Patch($"/v2/users/{id}", new { dept = "Ops" })).Is(HttpStatusCode.NoContent);
        Assert.Equal("Grace", (await api.Get($"/v2/users/{id}")).Json["first_name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"pmi\":1234567890}")]
    [InlineData("{\"pmi\":8001234567}")]
    [InlineData("{\"pmi\":2222244444}")]
    [InlineData("{\"pmi\":123}")]
    [InlineData("{\"vanity_name\":\"1abc\"}")]
    [InlineData("{\"vanity_name\":\"ab\"}")]
    [InlineData("{\"host_key\":\"12a456\"}")]
    [InlineData("{\"host_key\":\"12345\"}")]
    [InlineData("{\"timezone\":\"Mars/Olympus\"}")]
    [InlineData("{\"type\":5}")]
    [InlineData("{\"pronouns_option\":4}")]
    [InlineData("{\"manager\":\"not an email\"}")]
    [InlineData("{\"linkedin_url\":\"https://example.com/me\"}")]
    [InlineData("{\"phone_numbers\":[{\"label\":\"Pager\",\"number\":\"1\"}]}")]
    [InlineData("{\"type\":2,\"zoom_one_type\":16}")]
    [InlineData("{\"pmi\":\"3542471135\"}")]
    public async Task InvalidProfileValuesAre300AndChangeNothing(string body)
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("strict@example.com", type: 2);
        var before = (await api.Get($"/v2/users/{id}")).Body;
        (await api.Send(HttpMethod.Patch, $"/v2/users/{id}", rawBody: body)).IsError(400, 300);
        Assert.Equal(before, (await api.Get($"/v2/users/{id}")).Body);
    }

    [Fact]
    public async Task VanityNamesAndPmisAreUnique()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var a = await api.CreateUser("a@example.com", type: 2);
        var b = await api.CreateUser("b@example.com", type: 2);
        (await api.Patch($"/v2/users/{a}", new { vanity_name = "team.room", pmi = 3542471135L })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{b}", new { vanity_name = "Team.Room" })).IsError(400, 4100);
        (await api.Patch($"/v2/users/{b}", new { pmi = 3542471135L })).IsError(400, 300);
        Assert.True((await api.Get("/v2/users/vanity_name?vanity_name=team.room")).Json["existed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task BasicUsersCannotCustomisePmiOrHostKey()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("basic@example.com", type: 1);
        (await api.Patch($"/v2/users/{id}", new { pmi = 3542471135L })).IsError(400, 200);
        (await api.Patch($"/v2/users/{id}", new { host_key = "123456" })).IsError(400, 1109);
        var nml = await api.CreateUser("nml@example.com", type: 4);
        (await api.Patch($"/v2/users/{nml}", new { pmi = 3542471135L })).IsError(400, 200);
    }

    [Fact]
    public async Task ChangingTypeRespectsSeats()
    {
        await using var app = new RosterApp();
        using var master = await app.ApiAsync();
        var (sub, _, _) = await app.SubAccountAsync(master, "boss@seat.test", seats: 2);
        var a = await sub.CreateUser("a@seat.test", type: 1);
        var b = await sub.CreateUser("b@seat.test", type: 1);
        (await sub.Patch($"/v2/users/{a}", new { type = 2 })).Is(HttpStatusCode.NoContent);
        (await sub.Patch($"/v2/users/{b}", new { type = 2 })).IsError(400, 2034);
        (await sub.Patch($"/v2/users/{a}", new { type = 1 })).Is(HttpStatusCode.NoContent);
        (await sub.Patch($"/v2/users/{b}", new { type = 2 })).Is(HttpStatusCode.NoContent);
        (await sub.Patch($"/v2/users/{a}", new { type = 99 })).IsError(400, 300);
    }
}
