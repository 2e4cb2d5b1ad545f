using System.Net;

namespace Roster.Server.Tests;

public class HealthTelemetryTests
{
    [Fact]
    public async Task LivenessAndReadiness()
    {
        await using var app = new RosterApp();
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task MetricsReachAnOtlpEndpointWhenTurnedOn()
    {
        var port = LoopbackPort.Free();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var paths = new List<string>();
        var received = new TaskCompletionSource();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); } catch (Exception) { return; }
                lock (paths) paths.Add(ctx.Request.Url!.AbsolutePath);
                ctx.Response.StatusCode = 200;
                ctx.Response.Close();
                if (ctx.Request.Url!.AbsolutePath == "/v1/metrics") received.TrySetResult();
            }
        });
        await using var app = new RosterApp(settings: new Dictionary<string, string>
        {
            ["Telemetry:OtlpEndpoint"] = $"http://127.0.0.1:{port}",
            ["Telemetry:ExportIntervalMs"] = "200",
        });
        using var api = await app.ApiAsync();
        (await api.Get("/v2/users/me")).Is(HttpStatusCode.OK);
        var done = await Task.WhenAny(received.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(done == received.Task, "no metrics export arrived: " + string.Join(",", paths));
    }
}
