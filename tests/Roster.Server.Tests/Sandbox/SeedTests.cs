using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Roster.Server.Tests;

public class SeedTests
{
    static Task<(int Code, string Output)> Run(params string[] args) => ServerProcess.RunCommandAsync(args);

    [Fact]
    public async Task SeedFillsTheStoreWithUsersThatListPageAndCount()
    {
        var dir = TestTemp.NewFolder("roster-seed");
        var pg = TestEngine.Postgres ? PostgresCluster.NewDatabase() : null;
        string[] store = pg is null ? ["--data", dir] : ["--data", dir, "--store", pg];
        try
        {
            var (code, output) = await Run(["seed", "--users", "12000", .. store]);
            Assert.True(code == 0, output);
            Assert.Contains("Seeded 12,000 users", output);
            (code, output) = await Run(["seed", "--users", "10", .. store]);
            Assert.Equal(1, code); // the same e-mails again: refused, nothing half-written
            Assert.Equal(2, (await Run(["seed", .. store])).Code);

            await using var server = await ServerProcess.StartAsync(dir, pg);
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            var token = (await (await http.SendAsync(Auth())).Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var page = (await http.GetFromJsonAsync<JsonObject>("/v2/users?page_size=300"))!;
            Assert.Equal(12001, page["total_records"]!.GetValue<int>());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v2/users/user0006000@seed.example.com")).StatusCode);
            var ids = new HashSet<string>();
            var next = page["next_page_token"]!.GetValue<string>();
            foreach (var u in page["users"]!.AsArray()) ids.Add(u!["id"]!.GetValue<string>());
            while (next != "")
            {
                page = (await http.GetFromJsonAsync<JsonObject>($"/v2/users?page_size=300&next_page_token={Uri.EscapeDataString(next)}"))!;
                foreach (var u in page["users"]!.AsArray()) Assert.True(ids.Add(u!["id"]!.GetValue<string>()));
                next = page["next_page_token"]!.GetValue<string>();
            }
            Assert.Equal(12001, ids.Count);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (pg is not null) PostgresCluster.Drop(pg);
            TestTemp.Delete(dir);
        }
    }

    static HttpRequestMessage Auth()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/oauth/token?grant_type=account_credentials&account_id={RosterApp.AccountId}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{RosterApp.ClientId}:{RosterApp.ClientSecret}")));
        return request;
    }
}
