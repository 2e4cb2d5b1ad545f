// Bare Kestrel returning a JSON object the size of a Roster user: the most this machine serves with the
// same load settings. Roster's figures are reported as a fraction of it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var user = new Dictionary<string, object?>
{
    ["id"] = "zJKyaiAyTNC-MWjiWC18KQ", ["first_name"] = "User", ["last_name"] = "0500000", ["display_name"] = "User 0500000",
    ["email"] = "user0500000@seed.example.com", ["type"] = 1, ["role_name"] = "Member", ["pmi"] = 3542471135L, ["use_pmi"] = false,
    ["personal_meeting_url"] = "http://127.0.0.1:5080/j/3542471135", ["timezone"] = "", ["verified"] = 0, ["dept"] = "",
    ["created_at"] = "2026-11-28T23:55:54Z", ["user_created_at"] = "2026-11-28T23:55:54Z", ["pic_url"] = "", ["cms_user_id"] = "",
    ["jid"] = "zjkyaiaytnc-mwjiwc18kq@xmpp.roster.local", ["group_ids"] = Array.Empty<string>(), ["im_group_ids"] = Array.Empty<string>(),
    ["account_id"] = "q6gBJVO5TzexKYTb_I2rpg", ["account_number"] = 1000000001L, ["cluster"] = "roster", ["language"] = "en-US",
    ["phone_country"] = "", ["phone_number"] = "", ["status"] = "active", ["job_title"] = "", ["location"] = "", ["company"] = "",
    ["manager"] = "", ["login_types"] = new[] { 99 }, ["role_id"] = "2",
};
app.MapGet("/user", () => Results.Json(user));

// The second reference: bare Kestrel plus one raw read of a user row by id from Roster's store (the same SQLite file
// or PostgreSQL database), with a prepared statement and no Roster code. Roster's gap to it is Roster's own cost; its
// gap to /user is the store's.
var sqlite = Environment.GetEnvironmentVariable("POINT_SQLITE");
var postgres = Environment.GetEnvironmentVariable("POINT_POSTGRES");
const string PointSql = "SELECT id, account_id, email, type, status, role_id, pmi, created_at, profile FROM users WHERE id = @id";
if (sqlite is not null)
{
    var readers = new System.Collections.Concurrent.ConcurrentBag<(Microsoft.Data.Sqlite.SqliteConnection, Microsoft.Data.Sqlite.SqliteCommand)>();
    app.MapGet("/point/{id}", (string id) =>
    {
        if (!readers.TryTake(out var reader))
        {
            var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqlite};Mode=ReadOnly;Pooling=False");
            connection.Open();
            var command = connection.CreateCommand();
            command.CommandText = PointSql;
            command.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter("@id", ""));
            command.Prepare();
            reader = (connection, command);
        }
        try
        {
            reader.Item2.Parameters[0].Value = id;
            using var row = reader.Item2.ExecuteReader();
            return row.Read() ? Results.Json(Row(row)) : Results.NotFound();
        }
        finally
        {
            readers.Add(reader);
        }
    });
}
else if (postgres is not null)
{
    // as Roster opens it: statements prepared once per connection, kept across checkouts (no reset on close)
    var source = Npgsql.NpgsqlDataSource.Create(postgres + ";Max Auto Prepare=8;Auto Prepare Min Usages=1;No Reset On Close=true");
    app.MapGet("/point/{id}", async (string id) =>
    {
        await using var command = source.CreateCommand(PointSql);
        command.Parameters.AddWithValue("id", id);
        await using var row = await command.ExecuteReaderAsync();
        return await row.ReadAsync() ? Results.Json(Row(row)) : Results.NotFound();
    });
}

static Dictionary<string, object?> Row(System.Data.Common.DbDataReader row)
{
    var fields = new Dictionary<string, object?>();
    for (var i = 0; i < row.FieldCount; i++) fields[row.GetName(i)] = row.IsDBNull(i) ? null : row.GetValue(i);
    return fields;
}

// The webhook receiver of the benchmark (HOOK_SECRET): answers Zoom's URL validation, and for each event notes how long
// after the change (event_ts, same machine clock) it arrived. GET /hook/stats reports count, rate and latencies.
var secret = Environment.GetEnvironmentVariable("HOOK_SECRET") ?? "";
var latencies = new System.Collections.Concurrent.ConcurrentQueue<long>();
long first = 0, last = 0;
app.MapPost("/hook", async (HttpContext http) =>
{
    var body = await System.Text.Json.JsonDocument.ParseAsync(http.Request.Body);
    var e = body.RootElement;
    if (e.GetProperty("event").GetString() == "endpoint.url_validation")
    {
        var plain = e.GetProperty("payload").GetProperty("plainToken").GetString()!;
        var hash = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(plain));
        return Results.Json(new { plainToken = plain, encryptedToken = Convert.ToHexStringLower(hash) });
    }
    var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    latencies.Enqueue(now - e.GetProperty("event_ts").GetInt64());
    Interlocked.CompareExchange(ref first, now, 0);
    Interlocked.Exchange(ref last, now);
    return Results.Ok();
});
app.MapGet("/hook/stats", () =>
{
    var all = latencies.ToArray();
    Array.Sort(all);
    long P(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
    var seconds = Math.Max(0.001, (last - first) / 1000.0);
    return Results.Json(new { count = all.Length, per_second = all.Length / seconds, p50_ms = P(0.50), p99_ms = P(0.99), max_ms = all.Length == 0 ? 0 : all[^1] });
});
app.Run();
