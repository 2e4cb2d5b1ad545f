using System.Text.Json.Nodes;

namespace Roster.Server.Http;

/// <summary>
/// <c>GET /</c>, where a new user's browser lands first: public and without data (no account, no user, nothing of the
/// store), only where to go next. A browser (<c>Accept: text/html</c>) gets a small page, anything else a JSON object
/// of the same links.
/// </summary>
public static class RootPage
{
    static readonly (string Name, string Path, string What)[] Links =
    [
        ("docs", "/docs", "the API reference, with every operation to try"),
        ("openapi", "/openapi/v2.json", "the OpenAPI document of what is served"),
        ("console", "/console", "the admin console (sign in with the sandbox admin key, or as an account's owner or admin)"),
        ("healthz", "/healthz", "liveness"),
        ("readyz", "/readyz", "readiness: the store answers"),
    ];

    public static IResult Answer(HttpContext http)
    {
        if (http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            var items = string.Concat(Links.Select(l => $"<li><a href=\"{l.Path}\">{HtmlPages.Encode(l.Path)}</a>: {HtmlPages.Encode(l.What)}</li>"));
            return HtmlPages.Page(http, "Roster",
                "<h1>Roster</h1><p>Zoom's Users API (REST API v2) is served under <code>/v2</code>, with tokens from <code>/oauth/token</code>.</p>" +
                $"<ul class=\"scopes\">{items}</ul>");
        }
        var json = new JsonObject { ["name"] = "Roster", ["api"] = "/v2", ["token"] = "/oauth/token" };
        foreach (var (name, path, _) in Links) json[name] = path;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Text(json.ToJsonString(), "application/json; charset=utf-8");
    }
}
