using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;

namespace Roster.Server.Tests;

public class XmlTests
{
    static async Task<(HttpResponseMessage Response, XDocument? Xml, string Body)> Get(Api api, string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response, body.StartsWith('<') ? XDocument.Parse(body) : null, body);
    }

    [Fact]
    public async Task ReadsListsAndErrorsComeAsXmlWhenAsked()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var id = await api.CreateUser("xml@example.com");

        var (response, xml, _) = await Get(api, $"/v2/users/{id}", "application/xml");
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("response", xml!.Root!.Name.LocalName);
        Assert.Equal("xml@example.com", xml.Root.Element("email")!.Value);
        Assert.Equal("1", xml.Root.Element("type")!.Value);
        Assert.Equal("99", xml.Root.Element("login_types")!.Element("login_type")!.Value);
        Assert.True(response.Headers.Contains("x-zm-trackingid"));

        (_, xml, _) = await Get(api, "/v2/users?page_size=1", "application/xml");
        Assert.Equal("2", xml!.Root!.Element("total_records")!.Value);
        Assert.Single(xml.Root.Element("users")!.Elements("user"));

        (response, xml, _) = await Get(api, "/v2/users/nobody", "application/xml");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("error", xml!.Root!.Name.LocalName);
        Assert.Equal("1001", xml.Root.Element("code")!.Value);

        // JSON stays the default and wins a tie
        var (_, none, body) = await Get(api, $"/v2/users/{id}", "application/json, application/xml");
        Assert.Null(none);
        Assert.StartsWith("{", body);
        (_, none, body) = await Get(api, $"/v2/users/{id}", "application/json;q=0.5, application/xml");
        Assert.NotNull(none);
    }
}
