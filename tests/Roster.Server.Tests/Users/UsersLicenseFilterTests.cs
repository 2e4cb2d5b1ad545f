using System.Net;

namespace Roster.Server.Tests;

/// <summary>GET /users?license=…: the users whose add-on setting is on, paged.</summary>
public class UsersLicenseFilterTests
{
    static async Task<List<string>> Emails(Api api, string query)
    {
        var emails = new List<string>();
        var next = "";
        do
        {
            var page = (await api.Get($"/v2/users?{query}&page_size=2" + (next.Length > 0 ? $"&next_page_token={next}" : ""))).Is(HttpStatusCode.OK).Json;
            emails.AddRange(page["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()));
            next = page["next_page_token"]!.GetValue<string>();
        } while (next.Length > 0);
        return emails;
    }

    [Fact]
    public async Task LicenseFiltersByTheUsersAddOnSettingAndPages()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await api.CreateUser($"u{i}@example.com", type: 2));
        foreach (var i in new[] { 0, 2, 3 })
            (await api.Patch($"/v2/users/{ids[i]}/settings", new { feature = new { zoom_workforce_management = true } })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{ids[4]}/settings", new { feature = new { zoom_compliance_management = true } })).Is(HttpStatusCode.NoContent);
        // turned on and off again: not licensed
        (await api.Patch($"/v2/users/{ids[1]}/settings", new { feature = new { zoom_workforce_management = true } })).Is(HttpStatusCode.NoContent);
        (await api.Patch($"/v2/users/{ids[1]}/settings", new { feature = new { zoom_workforce_management = false } })).Is(HttpStatusCode.NoContent);

        Assert.Equal(["u0@example.com", "u2@example.com", "u3@example.com"], await Emails(api, "license=zoom_workforce_management"));
        Assert.Equal(["u4@example.com"], await Emails(api, "license=zoom_compliance_management"));
        var first = (await api.Get("/v2/users?license=zoom_workforce_management&page_size=2")).Json;
        Assert.Equal(3, first["total_records"]!.GetValue<int>());
        Assert.Equal(2, first["page_count"]!.GetValue<int>());
        // a deactivated licensed user is listed under inactive only
        (await api.Put($"/v2/users/{ids[2]}/status", new { action = "deactivate" })).Is(HttpStatusCode.NoContent);
        Assert.Equal(["u0@example.com", "u3@example.com"], await Emails(api, "license=zoom_workforce_management"));
        Assert.Equal(["u2@example.com"], await Emails(api, "status=inactive&license=zoom_workforce_management"));
        // the page_number form agrees
        var second = (await api.Get("/v2/users?license=zoom_workforce_management&page_size=1&page_number=2")).Json;
        Assert.Equal("u3@example.com", second["users"]![0]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnknownLicenseOrAPageTokenOfAnotherFilterIsRefused()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        for (var i = 0; i < 3; i++) await api.CreateUser($"p{i}@example.com");
        (await api.Get("/v2/users?license=zoom_everything")).IsError(400, 300);
        (await api.Get("/v2/users?license=x'%20OR%201=1--")).IsError(400, 300);
        var token = (await api.Get("/v2/users?page_size=1")).Json["next_page_token"]!.GetValue<string>();
        (await api.Get($"/v2/users?page_size=1&license=zoom_workforce_management&next_page_token={token}")).IsError(400, 300);
    }
}
