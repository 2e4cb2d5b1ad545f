using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Roster.Storage;

namespace Roster.Server.Tests;

public class DurabilityTests
{
    [Fact]
    public async Task EveryAcknowledgedCreateSurvivesKillDashNine()
    {
        var dir = TestTemp.NewFolder("roster-crash");
        var pg = TestEngine.Postgres ? PostgresCluster.NewDatabase() : null;
        try
        {
            var acknowledged = new ConcurrentBag<string>();
            await using (var server = await ServerProcess.StartAsync(dir, pg))
            {
                using var http = await ServerProcess.ClientAsync(server.BaseUrl);
                using var stop = new CancellationTokenSource();
                var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var email = $"w{w}-{i}@crash.test";
                        try
                        {
                            var r = await http.PostAsJsonAsync("/v2/users", new { action = "custCreate", user_info = new { email, type = 1 } });
                            if (r.StatusCode == HttpStatusCode.Created) acknowledged.Add(email);
                        }
                        catch (HttpRequestException) { return; }
                        catch (TaskCanceledException) { return; }
                    }
                })).ToArray();
                // bounded: a server that stops acknowledging makes this test fail, not hang
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
                while (acknowledged.Count < 300 && DateTime.UtcNow < deadline && !workers.All(w => w.IsCompleted)) await Task.Delay(20);
                Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} creates acknowledged within 60 s");
                server.Kill();
                stop.Cancel();
                await Task.WhenAll(workers);
            }
            Assert.True(acknowledged.Count >= 300);

            var store = pg is null ? new SqliteStore(Path.Combine(dir, "roster.db")) : null;
            if (store is not null) Assert.Equal("ok", store.IntegrityCheck());
            await using (var again = await ServerProcess.StartAsync(dir, pg))
            {
                using var http = await ServerProcess.ClientAsync(again.BaseUrl);
                foreach (var email in acknowledged)
                    Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v2/users/{email}")).StatusCode);
                var total = (await http.GetFromJsonAsync<JsonObject>("/v2/users?page_size=1"))!["total_records"]!.GetValue<int>();
                Assert.True(total >= acknowledged.Count + 1);

                // the outbox committed with the changes: no acknowledged create without its event, no event without its user
                // (on PostgreSQL events show below the cluster's oldest open transaction: other tests' databases on the
                // same server can hold it back a moment, so read on until every acknowledged create's event is there)
                var created = new Dictionary<string, string>();
                var after = "";
                for (var settle = DateTime.UtcNow + TimeSpan.FromSeconds(30); ;)
                {
                    var page = (await http.GetFromJsonAsync<JsonObject>($"/roster/v1/events?after={after}&page_size=300"))!;
                    var events = page["events"]!.AsArray();
                    foreach (var e in events.Where(e => e!["event"]!.GetValue<string>() == "user.created"))
                        created[e!["payload"]!["object"]!["email"]!.GetValue<string>()] = e["subject_id"]!.GetValue<string>();
                    after = page["next_after"]!.GetValue<string>();
                    if (events.Count > 0) continue;
                    if (acknowledged.All(created.ContainsKey) || DateTime.UtcNow > settle) break;
                    await Task.Delay(100);
                }
                foreach (var email in acknowledged) Assert.True(created.ContainsKey(email), $"no user.created event for acknowledged {email}");
                foreach (var (email, id) in created)
                    Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v2/users/{id}")).StatusCode);
            }
            if (store is not null) Assert.Equal("ok", store.IntegrityCheck());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (pg is not null) PostgresCluster.Drop(pg);
            TestTemp.Delete(dir);
        }
    }

    [Fact]
    public async Task SecondStartReusesTheStoreAndKeepsCredentialsPrivate()
    {
        var dir = TestTemp.NewFolder("roster-restart");
        var pg = TestEngine.Postgres ? PostgresCluster.NewDatabase() : null;
        try
        {
            await using (var server = await ServerProcess.StartAsync(dir, pg))
            {
                using var http = await ServerProcess.ClientAsync(server.BaseUrl);
                (await http.PostAsJsonAsync("/v2/users", new { action = "custCreate", user_info = new { email = "kept@example.com", type = 1 } })).EnsureSuccessStatusCode();
            }
            // SQLite: credentials.json beside the store; PostgreSQL: credentials.<store id>.json
            var credentials = Directory.GetFiles(dir, pg is null ? "credentials.json" : "credentials.*.json").Single();
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
            var json = JsonNode.Parse(await File.ReadAllTextAsync(credentials))!;
            Assert.Equal(RosterApp.AccountId, json["account_id"]!.GetValue<string>());
            await using (var server = await ServerProcess.StartAsync(dir, pg))
            {
                using var http = await ServerProcess.ClientAsync(server.BaseUrl);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v2/users/kept@example.com")).StatusCode);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (pg is not null) PostgresCluster.Drop(pg);
            TestTemp.Delete(dir);
        }
    }

    [Fact]
    public async Task FailedOperationsLeaveTheStoreUnchanged()
    {
        await using var app = new RosterApp();
        using var api = await app.ApiAsync();
        var boss = await api.CreateUser("boss@example.com", type: 2);
        var ok = await api.CreateUser("ok@example.com", type: 2);
        await api.CreateUser("basic@example.com", type: 1);
        var before = Dump(app);
        (await api.Post($"/v2/users/{boss}/assistants", new { assistants = new object[] { new { id = ok }, new { email = "basic@example.com" } } })).IsError(400, 200);
        (await api.Patch($"/v2/users/{boss}", new { first_name = "Changed", pmi = 1 })).IsError(400, 300);
        (await api.Patch($"/v2/users/{boss}/settings", new { in_meeting = new { chat = true, entry_exit_chime = "nope" } })).IsError(400, 300);
        (await api.Post("/v2/users", new { action = "custCreate", user_info = new { email = "ok@example.com", type = 1 } })).IsError(409, 1005);
        (await api.Put($"/v2/users/{ok}/email", new { email = "boss@example.com" })).IsError(409, 1005);
        (await api.Put($"/v2/users/{ok}/status", new { action = "sleep" })).IsError(400, 300);
        (await api.Delete($"/v2/users/{ok}?action=delete&transfer_email=ghost@example.com")).IsError(404, 1001);
        (await api.Patch($"/v2/users/{boss}/settings?option=meeting_authentication", new { meeting_authentication = true, authentication_option = new { action = "hide", id = "none" } })).IsError(400, 300);
        Assert.Equal(before, Dump(app));
    }

    /// <summary>Every row of every table, in a stable order.</summary>
    static string Dump(RosterApp app)
    {
        using System.Data.Common.DbConnection connection = app.PostgresConnection is { } pg
            ? new Npgsql.NpgsqlConnection(pg)
            : new SqliteConnection($"Data Source={Path.Combine(app.DataDir, "roster.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var sb = new StringBuilder();
        foreach (var table in new[] { "accounts", "users", "assistants", "user_settings", "email_changes", "pictures", "oauth_apps", "meta", "user_counts" })
        {
            using var cmd = connection.CreateCommand();
            // meta without what is not state (e.g. the webhook dispatcher's cursor, which moves on its own past earlier events)
            cmd.CommandText = table == "meta"
                ? $"SELECT * FROM meta WHERE key NOT IN ({string.Join(", ", Domain.Sandbox.SandboxService.KeptMeta.Select(k => $"'{k}'"))}) ORDER BY 1, 2"
                : $"SELECT * FROM {table} ORDER BY 1, 2";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
                for (var i = 0; i < reader.FieldCount; i++) sb.Append(reader.GetValue(i)).Append('|');
            sb.AppendLine(table);
        }
        return sb.ToString();
    }
}

public class ServerCommandTests
{
    static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "roster-server.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    static async Task<HttpStatusCode> TokenStatus(string baseUrl, string clientId, string secret, string accountId)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "account_credentials", ["account_id"] = accountId }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return (await http.SendAsync(request)).StatusCode;
    }

    static Dictionary<string, string> Read(string path)
        => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task CredentialsCanBeShownAndRotatedForTheStoreYouPointAt()
    {
        var dir = TestTemp.NewFolder("roster-creds");
        var store = TestEngine.Postgres ? PostgresCluster.NewDatabase() : null;
        try
        {
            var storeArgs = store is null ? Array.Empty<string>() : ["--store", store];
            await using (await ServerProcess.StartAsync(dir, store)) { }
            var file = Directory.GetFiles(dir, "credentials*.json").Single();
            var before = Read(file);
            Assert.Equal(RosterApp.ClientSecret, before["client_secret"]);

            var (exit, shown) = await Run(["credentials", "--data", dir, .. storeArgs]);
            Assert.Equal(0, exit);
            Assert.Contains(RosterApp.ClientId, shown);
            Assert.DoesNotContain(RosterApp.ClientSecret, shown);

            (exit, var rotated) = await Run(["credentials", "--rotate", "--data", dir, .. storeArgs]);
            Assert.Equal(0, exit);
            var after = Read(file);
            Assert.NotEqual(before["client_secret"], after["client_secret"]);
            Assert.Contains(after["client_secret"], rotated);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            await using var server = await ServerProcess.StartAsync(dir, store, new Dictionary<string, string> { ["ROSTER_CLIENT_SECRET"] = "" });
            Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatus(server.BaseUrl, RosterApp.ClientId, RosterApp.ClientSecret, RosterApp.AccountId));
            Assert.Equal(HttpStatusCode.OK, await TokenStatus(server.BaseUrl, RosterApp.ClientId, after["client_secret"], RosterApp.AccountId));
        }
        finally
        {
            if (store is not null) PostgresCluster.Drop(store);
            TestTemp.Delete(dir);
        }
    }

    [Fact]
    public async Task CredentialsWhereNoStoreIsSayHowToPointAtOneAndCreateNothing()
    {
        var dir = TestTemp.NewFolder("roster-nocreds");
        var store = TestEngine.Postgres ? PostgresCluster.NewDatabase() : null;
        try
        {
            var data = Path.Combine(dir, "data"); // as a README user's first `roster-server credentials` in the wrong folder
            var storeArgs = store is null ? Array.Empty<string>() : ["--store", store];
            for (var i = 0; i < 2; i++) // the first run made nothing the second could find
            {
                var (exit, output) = await Run(["credentials", "--data", data, .. storeArgs]);
                Assert.Equal(2, exit);
                Assert.Contains("no Roster store", output);
                Assert.Contains(store is null ? "--data" : "--store", output);
                Assert.DoesNotContain("client_id", output);
            }
            Assert.False(Directory.Exists(data));
        }
        finally
        {
            if (store is not null) PostgresCluster.Drop(store);
            TestTemp.Delete(dir);
        }
    }

    [SkippableFact]
    public async Task AnUnreachableOrMissingPostgresIsOneLineNotAStackTrace()
    {
        PostgresCluster.Require();
        var dir = TestTemp.NewFolder("roster-nopg");
        var existing = PostgresCluster.NewDatabase();
        try
        {
            var closed = LoopbackPort.Free();
            var (exit, output) = await Run("--data", dir, "--store", $"Host=127.0.0.1;Port={closed};Username=postgres;Database=postgres;Timeout=3");
            Assert.Equal(2, exit);
            Assert.Contains("cannot use the store", output);
            Assert.DoesNotContain("   at ", output);
            Assert.Single(output.Trim().Split('\n'));

            var missing = new Npgsql.NpgsqlConnectionStringBuilder(existing) { Database = "no_such_database" }.ConnectionString;
            (exit, output) = await Run("--data", dir, "--store", missing);
            Assert.Equal(2, exit);
            Assert.Contains("no_such_database", output);
            Assert.DoesNotContain("   at ", output);
        }
        finally
        {
            PostgresCluster.Drop(existing);
            TestTemp.Delete(dir);
        }
    }

    [SkippableFact]
    public async Task APostgresNodeNeverWritesOverTheCredentialsOfASqliteStoreInItsFolder()
    {
        PostgresCluster.Require();
        var dir = TestTemp.NewFolder("roster-two-stores");
        var db = PostgresCluster.NewDatabase();
        try
        {
            await using (await ServerProcess.StartAsync(dir)) { }
            var sqliteFile = Path.Combine(dir, "credentials.json");
            var sqliteCredentials = await File.ReadAllBytesAsync(sqliteFile);
            await using (await ServerProcess.StartAsync(dir, db, new Dictionary<string, string> { ["ROSTER_CLIENT_SECRET"] = "pg-secret-0123456789" })) { }
            Assert.Equal(sqliteCredentials, await File.ReadAllBytesAsync(sqliteFile));
            var pgFile = Directory.GetFiles(dir, "credentials.*.json").Single();
            Assert.Equal("pg-secret-0123456789", Read(pgFile)["client_secret"]);
            Assert.NotEqual(Read(sqliteFile)["store_id"], Read(pgFile)["store_id"]);
        }
        finally
        {
            PostgresCluster.Drop(db);
            TestTemp.Delete(dir);
        }
    }

    [Fact]
    public async Task HelpPrintsTheCommandsAndStartsNothing()
    {
        var dir = TestTemp.NewFolder("roster-help");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "roster-server.dll"), "--help", "--data", dir },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
        foreach (var word in new[] { "migrate", "seed", "--data", "--store", "--urls", "ROSTER_KEY_ENCRYPTION_KEY" }) Assert.Contains(word, output);
        Assert.Empty(Directory.GetFileSystemEntries(dir)); // no store was created: nothing started
        TestTemp.Delete(dir);
    }
}
