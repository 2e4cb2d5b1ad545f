using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Roster.Server.Http;
using Roster.Storage;

namespace Roster.Server.Tests;

/// <summary>
/// What a request meets when the store is out of reach or full: the answer every error middleware path gives, with a
/// real engine's failure (a PostgreSQL port nobody listens on, SQLite's SQLITE_FULL), fast and without a database.
/// </summary>
public class StoreOutageTests
{
    static async Task<(int Status, IHeaderDictionary Headers, JsonObject Body)> Answer(IStoreEngine engine, string path, RequestDelegate work)
    {
        var services = new ServiceCollection().AddSingleton(engine).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        // what an endpoint may have set before the store failed it must not leak into the error
        context.Response.Headers["X-Half-Done"] = "1";
        await new ZoomErrorMiddleware(work, NullLogger<ZoomErrorMiddleware>.Instance).InvokeAsync(context);
        context.Response.Body.Position = 0;
        var body = (await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(context.Response.Body))!;
        return (context.Response.StatusCode, context.Response.Headers, body);
    }

    /// <summary>A PostgreSQL engine whose server is not there: every statement fails as in an outage.</summary>
    static IStoreEngine Unreachable() => StoreEngines.Create($"Host=127.0.0.1;Port={LoopbackPort.Free()};Username=postgres;Database=roster;Timeout=2", "");

    static RequestDelegate ReadsTheStore(IStoreEngine engine) => context => Read(engine, context.RequestAborted);

    static async Task Read(IStoreEngine engine, CancellationToken ct) => await engine.Store.ReadAsync(_ => Task.FromResult(true), ct);

    [Fact]
    public async Task AnUnreachableStoreAnswersZooms503WithRetryAfter()
    {
        using var engine = Unreachable();
        var (status, headers, body) = await Answer(engine, "/v2/users", ReadsTheStore(engine));
        Assert.Equal(503, status);
        Assert.Equal(503, body["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
        Assert.True(int.TryParse(headers.RetryAfter.ToString(), out var seconds) && seconds > 0, $"Retry-After: '{headers.RetryAfter}'");
        Assert.False(headers.ContainsKey("X-Half-Done"));
    }

    [Fact]
    public async Task TheTokenEndpointAnswersAnOutageInItsOwnShapeWithRetryAfter()
    {
        using var engine = Unreachable();
        var (status, headers, body) = await Answer(engine, "/oauth/token", ReadsTheStore(engine));
        Assert.Equal(503, status);
        Assert.Equal("temporarily_unavailable", body["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["reason"]!.GetValue<string>()));
        Assert.True(int.TryParse(headers.RetryAfter.ToString(), out var seconds) && seconds > 0, $"Retry-After: '{headers.RetryAfter}'");
    }

    [Fact]
    public async Task ADiskFullIsA503WithRetryAfterNotA500()
    {
        var dir = TestTemp.NewFolder("roster-full");
        try
        {
            using var engine = StoreEngines.Create(null, Path.Combine(dir, "roster.db"));
            var (status, headers, body) = await Answer(engine, "/v2/users", _ => throw new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13));
            Assert.Equal(503, status);
            Assert.Equal(503, body["code"]!.GetValue<int>());
            Assert.Contains("disk is full", body["message"]!.GetValue<string>());
            Assert.True(int.TryParse(headers.RetryAfter.ToString(), out var seconds) && seconds > 0, $"Retry-After: '{headers.RetryAfter}'");
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }
}
