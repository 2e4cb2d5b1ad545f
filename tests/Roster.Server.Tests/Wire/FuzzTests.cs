using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Roster.Server.Tests;

/// <summary>
/// Hostile and careless input over every operation of the published OpenAPI document and the unauthenticated pages:
/// broken paths, queries, bodies, content types and encodings, from a fixed seed (the same requests every run).
/// Every answer must be below 500, every 4xx of the API must carry Zoom's shape, and a refused write changes nothing.
/// </summary>
public class FuzzTests
{
    const int Requests = 10_500;

    sealed record Op(string Method, string Path, string[] Query, bool Form);

    static List<Op> Operations()
    {
        var doc = JsonNode.Parse(File.ReadAllText(OpenApiTests.RepoFile("openapi", "v2.json")))!;
        var ops = new List<Op>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
            foreach (var (method, op) in item!.AsObject())
            {
                var query = op!["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToArray() ?? [];
                var form = op["requestBody"]?["content"]?.AsObject().ContainsKey("multipart/form-data") == true;
                ops.Add(new Op(method.ToUpperInvariant(), path, query, form));
            }
        // the pages and endpoints a stranger can reach
        ops.Add(new Op("GET", "/invitations", ["token"], true));
        ops.Add(new Op("POST", "/invitations", ["token"], true));
        ops.Add(new Op("GET", "/invitations/{token}", [], true));
        ops.Add(new Op("POST", "/invitations/{token}", [], true));
        ops.Add(new Op("POST", "/oauth/authorize", [], true));
        ops.Add(new Op("GET", "/oauth/authorize", ["response_type", "client_id", "redirect_uri", "code_challenge_method", "state"], false));
        ops.Add(new Op("POST", "/oauth/token", ["grant_type", "account_id", "code", "refresh_token"], true));
        // SCIM 2.0 (not in the OpenAPI document): its refusals are in the SCIM error schema
        string[] list = ["startIndex", "count", "filter", "attributes", "excludedAttributes", "sortBy"];
        ops.Add(new Op("GET", "/scim2/Users", list, false));
        ops.Add(new Op("POST", "/scim2/Users", ["attributes"], false));
        foreach (var method in new[] { "GET", "PUT", "PATCH", "DELETE" }) ops.Add(new Op(method, "/scim2/Users/{userId}", ["attributes", "excludedAttributes"], false));
        foreach (var path in new[] { "/scim2/ServiceProviderConfig", "/scim2/ResourceTypes", "/scim2/Schemas/{id}", "/scim2/{x}" }) ops.Add(new Op("GET", path, [], false));
        return ops;
    }

    static readonly string[] Strings =
    [
        "", " ", "me", "0", "-1", "99999999999999999999", "1e309", "true", "null", "[]", "{}", "a%00b", "%", "%zz", "..", "../..",
        "\u0000", "\u0001\u001f", "é", "日本語", "😀", "\ud800", "<x>&amp;", "' OR 1=1 --", "owner@example.com", "x@y", "active", "pending",
        "inactive", "zak", "token", "delete", "disassociate", "activate", "deactivate", "1", "2", "99", "300", "301", "meeting_security",
        new string('a', 3000), "user_info.email", "Str0ngPassw",
    ];

    // NUL in a path never reaches Roster: Kestrel refuses it (MalformedInputTests) and the test host cannot send it.
    static readonly string[] PathStrings = Strings.Where(s => !s.Contains('\0') && !s.Contains("%00", StringComparison.Ordinal)).ToArray();

    sealed class Gen(int seed)
    {
        readonly Random _r = new(seed);
        public bool Chance(double p) => _r.NextDouble() < p;
        public T Pick<T>(IReadOnlyList<T> items) => items[_r.Next(items.Count)];
        public int Int(int max) => _r.Next(max);

        public JsonNode? Value(int depth)
        {
            switch (_r.Next(depth > 6 ? 5 : 8))
            {
                case 0: return null;
                case 1: return JsonValue.Create(Pick(Strings));
                case 2: return JsonValue.Create(_r.Next(-3, 4) * (long)Math.Pow(10, _r.Next(0, 18)));
                case 3: return JsonValue.Create(Chance(0.5));
                case 4: return JsonValue.Create(_r.NextDouble() * 1e6);
                case 5:
                    var a = new JsonArray();
                    for (var i = _r.Next(4); i > 0; i--) a.Add(Value(depth + 1));
                    return a;
                default:
                    var o = new JsonObject();
                    for (var i = _r.Next(5); i > 0; i--) o[Pick(Keys)] = Value(depth + 1);
                    return o;
            }
        }

        static readonly string[] Keys =
        [
            "action", "user_info", "email", "type", "first_name", "last_name", "password", "status", "dept", "pmi", "vanity_name",
            "host_key", "role_id", "assistants", "id", "in_meeting", "chat", "schedule_meeting", "recording", "feature", "account_id",
            "scopes", "redirect_uris", "token", "options", "plan", "seats", "managed_domains", "timezone", "language", "phone_numbers",
            "use_pmi", "custom_attributes", "x", "", "a.b", "__proto__",
            "userName", "Operations", "op", "path", "value", "active", "name", "schemas", "userType", "emails", "displayName",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "name.givenName",
        ];

        public static string Deep(int levels) => string.Concat(Enumerable.Repeat("{\"in_meeting\":", levels)) + "1" + new string('}', levels);

        public (HttpContent? Content, bool Valid) Body(Op op)
        {
            switch (_r.Next(12))
            {
                case 0: return (null, false);
                case 1: return (new ByteArrayContent(RandomBytes(_r.Next(1, 200))) { Headers = { ContentType = new("application/json") } }, false);
                case 2: return (new StringContent(Deep(_r.Next(60, 200)), Encoding.UTF8, "application/json"), false);
                case 3: return (new StringContent("{\"in_meeting\":{\"chat\":true},\"in_meeting\":{\"chat\":false}}", Encoding.UTF8, "application/json"), false);
                case 4: return (new ByteArrayContent([.. "{\""u8, 0xFF, .. "\":1}"u8]) { Headers = { ContentType = new("application/json") } }, false);
                case 5:
                    var pairs = Enumerable.Range(0, _r.Next(1, 40)).Select(_ => $"{Uri.EscapeDataString(Pick(Keys))}{(Chance(0.3) ? "[0][a]" : "")}={Uri.EscapeDataString(Pick(Strings))}");
                    return (new StringContent(string.Join('&', pairs), Encoding.UTF8, "application/x-www-form-urlencoded"), false);
                case 6:
                    var broken = new ByteArrayContent(RandomBytes(_r.Next(0, 300)));
                    broken.Headers.ContentType = MediaTypeHeaderValue.Parse(Chance(0.5) ? "multipart/form-data; boundary=abc" : "multipart/form-data");
                    return (broken, false);
                case 7:
                    var multi = new MultipartFormDataContent();
                    multi.Add(new ByteArrayContent(Chance(0.5) ? TokenPictureTests.Png : RandomBytes(50)), Chance(0.7) ? "pic_file" : "f" + Pick(Keys), "f.png");
                    if (Chance(0.5)) multi.Add(new StringContent(Pick(Strings)), "f" + Pick(Keys));
                    return (multi, false);
                case 8: return (new StringContent(Pick(Strings), Encoding.UTF8, Pick(new[] { "text/plain", "application/xml", "application/json", "application/x-www-form-urlencoded" })), false);
                default:
                    var node = Value(0);
                    return (new StringContent(node?.ToJsonString() ?? "null", Encoding.UTF8, "application/json"), true);
            }
        }

        byte[] RandomBytes(int n)
        {
            var b = new byte[n];
            _r.NextBytes(b);
            return b;
        }
    }

    [Fact]
    public async Task TenThousandHostileRequestsNeverAnswer5xxAndRefusedWritesChangeNothing()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var target = await api.CreateUser("fuzz-target@example.com", type: 2);
        await api.Patch($"/v2/users/{target}/settings", new { in_meeting = new { chat = true } });
        using var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var ops = Operations();
        Assert.True(ops.Count >= 35, $"only {ops.Count} operations in the document");
        var gen = new Gen(20261129);
        var tokens = new[] { api.Token, api.Token, api.Token, api.Token, api.Token, "", "garbage", api.Token[..^4] + "AAAA" };

        async Task<string> Fingerprint()
            => (await api.Get("/v2/users?page_size=300")).Body + (await api.Get($"/v2/users/{target}/settings")).Body
               + (await api.Get($"/v2/users/{target}/assistants")).Body + (await api.Get("/v2/accounts")).Body;

        var fingerprint = await Fingerprint();
        var failures = new List<string>();
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < Requests && failures.Count < 10; i++)
        {
            var op = gen.Pick(ops);
            var path = System.Text.RegularExpressions.Regex.Replace(op.Path, "\\{[^}]+\\}", _ =>
                gen.Chance(0.5) ? (gen.Chance(0.5) ? target : "me") : Uri.EscapeDataString(gen.Pick(PathStrings)));
            var query = op.Query.Where(_ => gen.Chance(0.5)).Select(q => $"{q}={Uri.EscapeDataString(gen.Pick(Strings))}").ToList();
            if (gen.Chance(0.1)) query.Add($"{Uri.EscapeDataString(gen.Pick(Strings))}={Uri.EscapeDataString(gen.Pick(Strings))}");
            if (op.Path == "/roster/v1/events/stream") query.Add("timeout=0"); // a stream runs until its client goes: this one ends at once
            var url = path + (query.Count > 0 ? "?" + string.Join('&', query) : "");
            var request = new HttpRequestMessage(new HttpMethod(op.Method), url);
            if (op.Method != "GET") request.Content = gen.Body(op).Content;
            var token = gen.Pick(tokens);
            if (token.Length > 0) request.Headers.TryAddWithoutValidation("Authorization", gen.Chance(0.95) ? "Bearer " + token : token);
            if (path.StartsWith("/oauth/token", StringComparison.Ordinal))
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(gen.Chance(0.5) ? $"{RosterApp.ClientId}:{gen.Pick(Strings)}" : gen.Pick(Strings))));
            var xml = gen.Chance(0.1);
            if (xml) request.Headers.Accept.ParseAdd("application/xml");

            var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            counts[status] = counts.GetValueOrDefault(status) + 1;
            var what = $"#{i} {op.Method} {url[..Math.Min(url.Length, 120)]} -> {status}";
            if (status >= 500) { failures.Add($"{what}: {body[..Math.Min(body.Length, 300)]}"); continue; }
            var api4xx = status >= 400 && (path.StartsWith("/v2/", StringComparison.Ordinal) || path.StartsWith("/roster/v1/", StringComparison.Ordinal));
            if (api4xx && !Shaped(body, xml)) failures.Add($"{what} without Zoom's shape: {body[..Math.Min(body.Length, 300)]}");
            if (status >= 400 && path.StartsWith("/scim2", StringComparison.Ordinal) && !ScimShaped(body, status))
                failures.Add($"{what} without the SCIM error schema: {body[..Math.Min(body.Length, 300)]}");
            if (status >= 400 && path.StartsWith("/oauth/token", StringComparison.Ordinal) && !OAuthShaped(body))
                failures.Add($"{what} without the OAuth error shape: {body}");
            if (op.Method != "GET")
            {
                var now = await Fingerprint();
                if (status >= 400 && now != fingerprint) failures.Add($"{what} was refused but changed the store");
                fingerprint = now;
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        // the run reached deep: most requests were refused, some were served
        Assert.True(counts.Where(c => c.Key < 300).Sum(c => c.Value) > 100, string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
        Assert.True(counts.Where(c => c.Key >= 400).Sum(c => c.Value) > Requests / 2);
    }

    static bool ScimShaped(string body, int status)
    {
        try
        {
            var json = JsonNode.Parse(body) as JsonObject;
            return json?["schemas"]?[0]?.GetValue<string>() == "urn:ietf:params:scim:api:messages:2.0:Error" && json["status"]?.GetValue<int>() == status
                   && json["detail"] is JsonValue && !json.ContainsKey("code");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    static bool OAuthShaped(string body)
    {
        try
        {
            return body.StartsWith('<')
                ? System.Xml.Linq.XDocument.Parse(body).Root!.Element("error") is not null
                : JsonNode.Parse(body)?["error"] is JsonValue;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or System.Xml.XmlException)
        {
            return false;
        }
    }

    static bool Shaped(string body, bool xml)
    {
        try
        {
            if (xml && body.StartsWith('<'))
            {
                var root = System.Xml.Linq.XDocument.Parse(body).Root!;
                return root.Name == "error" && int.TryParse(root.Element("code")?.Value, out _) && root.Element("message") is not null;
            }
            var json = JsonNode.Parse(body) as JsonObject;
            return json?["code"] is JsonValue code && code.TryGetValue<int>(out _) && json["message"] is JsonValue message && message.TryGetValue<string>(out _);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or System.Xml.XmlException or InvalidOperationException)
        {
            return false;
        }
    }
}
