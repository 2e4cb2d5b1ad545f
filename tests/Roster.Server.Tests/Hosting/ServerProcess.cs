using System.Diagnostics;
using System.Net;

namespace Roster.Server.Tests;

/// <summary>The real <c>roster-server</c> as a child process on a free loopback port (for crash and restart tests).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly System.Collections.Concurrent.ConcurrentQueue<string> _log;
    public string BaseUrl { get; }

    /// <summary>Everything the server wrote to stdout and stderr so far.</summary>
    public string Log => string.Join('\n', _log);

    ServerProcess(Process process, string baseUrl, System.Collections.Concurrent.ConcurrentQueue<string> log)
    {
        _process = process;
        BaseUrl = baseUrl;
        _log = log;
    }

    /// <summary>A token of the primary account's app (every admin scope) from the server at <paramref name="baseUrl"/>.</summary>
    public static async Task<string> TokenAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/oauth/token?grant_type=account_credentials&account_id={RosterApp.AccountId}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{RosterApp.ClientId}:{RosterApp.ClientSecret}")));
        using var response = await http.SendAsync(request);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(response.Content))!["access_token"]!.GetValue<string>();
    }

    /// <summary>An HTTP client for the server at <paramref name="baseUrl"/> holding such a token.</summary>
    public static async Task<HttpClient> ClientAsync(string baseUrl)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(baseUrl));
        return http;
    }

    /// <summary>Runs <c>roster-server</c> with <paramref name="args"/> (a command such as <c>seed</c>) to its end, as the test servers are configured.</summary>
    public static async Task<(int Code, string Output)> RunCommandAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "roster-server.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ROSTER_ACCOUNT_ID"] = RosterApp.AccountId;
        info.Environment["ROSTER_CLIENT_ID"] = RosterApp.ClientId;
        info.Environment["ROSTER_CLIENT_SECRET"] = RosterApp.ClientSecret;
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output + await error);
    }

    public static async Task<ServerProcess> StartAsync(string dataDir, string? store = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = LoopbackPort.Free();
        var dll = Path.Combine(AppContext.BaseDirectory, "roster-server.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--data", dataDir, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ROSTER_ACCOUNT_ID"] = RosterApp.AccountId;
        info.Environment["ROSTER_CLIENT_ID"] = RosterApp.ClientId;
        info.Environment["ROSTER_CLIENT_SECRET"] = RosterApp.ClientSecret;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["RateLimits__Mode"] = "off";
        if (store is not null) info.Environment["ROSTER_STORE"] = store;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var process = Process.Start(info)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, $"http://127.0.0.1:{port}", log);
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                throw new InvalidOperationException($"roster-server exited with {process.ExitCode}: {string.Join('\n', log.TakeLast(30))}");
            }
            try
            {
                if ((await http.GetAsync($"{server.BaseUrl}/v2/users")).StatusCode == HttpStatusCode.Unauthorized) return server;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("roster-server did not start");
    }

    /// <summary>Ends the process the hard way: no shutdown, no flush (kill -9).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }
}
