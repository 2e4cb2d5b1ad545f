using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Roster.Server.Tests;

/// <summary>
/// SQLite with its disk full, for real: the data folder is a small tmpfs (we run as root, as CI does), filled to the last
/// byte by a ballast file while a real roster-server writes. Writes are refused in Zoom's shape, reads go on, the file
/// stays sound, and writing works again once the ballast goes, without a restart.
/// </summary>
public class DiskFullTests(ITestOutputHelper output)
{
    static bool Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(info)!;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no such program
        }
    }

    /// <summary>Fills the folder's file system to the last byte; the ballast's length.</summary>
    static long Fill(string ballast)
    {
        using var file = new FileStream(ballast, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var block = new byte[64 * 1024];
        long written = 0;
        try
        {
            while (true)
            {
                file.Write(block);
                written += block.Length;
            }
        }
        catch (IOException)
        {
            // ENOSPC: then the last bytes a smaller write still fits
            for (var size = block.Length / 2; size >= 512; size /= 2)
                try { file.Write(block, 0, size); written += size; } catch (IOException) { }
        }
        return written;
    }

    static Task<HttpResponseMessage> Create(HttpClient http, string email)
        => http.PostAsJsonAsync("/v2/users", new { action = "custCreate", user_info = new { email, type = 1 } });

    [SkippableFact]
    public async Task ADiskFullRefusesWritesInZoomsShapeAndWritingResumesWhenSpaceReturns()
    {
        var dir = TestTemp.NewFolder("roster-full");
        var mounted = Run("mount", "-t", "tmpfs", "-o", "size=32m,mode=0755", "roster-full", dir);
        if (!mounted)
        {
            TestTemp.Delete(dir);
            if (TestEngine.InCi) throw new InvalidOperationException("CI runs as root and must mount a small tmpfs for the disk-full test");
            Skip.If(true, "mounting a tmpfs needs root");
        }
        try
        {
            var data = Path.Combine(dir, "data");
            await using var server = await ServerProcess.StartAsync(data); // SQLite: no store given
            using var http = await ServerProcess.ClientAsync(server.BaseUrl);
            var acknowledged = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                var r = await Create(http, $"before{i}@example.com");
                Assert.Equal(HttpStatusCode.Created, r.StatusCode);
                acknowledged.Add((await r.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
            }

            var ballast = Path.Combine(dir, "ballast");
            var filled = Fill(ballast);
            // pages SQLite already holds may take a few more writes; then every write is refused, each in Zoom's shape
            var refused = 0;
            var accepted = 0;
            for (var i = 0; i < 2_000 && refused < 20; i++)
            {
                var r = await Create(http, $"full{i}@example.com");
                var body = await r.Content.ReadAsStringAsync();
                if (r.StatusCode == HttpStatusCode.Created)
                {
                    Assert.Equal(0, refused); // once full, nothing gets in until space returns
                    acknowledged.Add(JsonNode.Parse(body)!["id"]!.GetValue<string>());
                    accepted++;
                    continue;
                }
                Assert.True(r.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)r.StatusCode}: {body}");
                var json = JsonNode.Parse(body)!.AsObject();
                Assert.Equal(503, json["code"]!.GetValue<int>());
                Assert.Contains("disk is full", json["message"]!.GetValue<string>());
                Assert.NotNull(r.Headers.RetryAfter);
                refused++;
            }
            Assert.Equal(20, refused);
            // reads go on while the disk is full
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v2/users/{acknowledged[0]}")).StatusCode);

            // space returns: the next writes succeed, without a restart
            File.Delete(ballast);
            var resumed = await Create(http, "after@example.com");
            Assert.True(resumed.StatusCode == HttpStatusCode.Created, $"{(int)resumed.StatusCode}: {await resumed.Content.ReadAsStringAsync()}");
            acknowledged.Add((await resumed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());

            // nothing corrupted, nothing acknowledged lost
            foreach (var id in acknowledged) Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v2/users/{id}")).StatusCode);
            string check;
            await using (var db = new SqliteConnection($"Data Source={Path.Combine(data, "roster.db")};Mode=ReadOnly;Pooling=False"))
            {
                await db.OpenAsync();
                await using var cmd = db.CreateCommand();
                cmd.CommandText = "PRAGMA integrity_check;";
                check = (string)(await cmd.ExecuteScalarAsync())!;
            }
            Assert.Equal("ok", check);
            var line = $"SQLite disk full (32 MB tmpfs, {filled / 1024} KB ballast): {acknowledged.Count} creates acknowledged, all found; {accepted} accepted after the disk filled "
                + $"(pages SQLite held), then {refused} refused as 503 with Retry-After; reads 200 meanwhile; writes 201 again at once when space returned; integrity_check {check}";
            output.WriteLine(line);
            Console.WriteLine(line);
            if (Environment.GetEnvironmentVariable("ROSTER_DRILL_REPORT") is { Length: > 0 } file) await File.AppendAllLinesAsync(file, ["", line]);
        }
        finally
        {
            // the server is gone (disposed above) before the file system goes
            for (var i = 0; i < 20 && !Run("umount", dir); i++) await Task.Delay(100);
            TestTemp.Delete(dir);
        }
    }
}
