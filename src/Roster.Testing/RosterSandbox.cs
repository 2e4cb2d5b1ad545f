using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Roster.Client;

namespace Roster.Testing;

/// <summary>
/// Roster in this process, for a test run: a fresh store (a temporary SQLite file, deleted at the end), the primary
/// account's credentials and a ready <see cref="ZoomClient"/>, the sandbox controls, and per-test accounts. No port is
/// opened unless <see cref="RosterSandboxOptions.Loopback"/> asks for one. Dispose it to stop Roster and delete its files.
/// </summary>
public sealed class RosterSandbox : IAsyncDisposable
{
    readonly Host _host;
    readonly DirectoryInfo _data;
    int _disposed;

    /// <summary>The server: <c>http://localhost/</c> in memory, or <c>http://127.0.0.1:port/</c> with <see cref="RosterSandboxOptions.Loopback"/>.</summary>
    public Uri BaseUrl { get; }
    /// <summary>Zoom's API base (<c>…/v2</c>): what a Zoom client is pointed at.</summary>
    public Uri ApiBaseUrl => new(BaseUrl, "/v2");
    /// <summary>The primary account (a Business account with the managed domain <c>example.com</c>).</summary>
    public string AccountId { get; }
    /// <summary>Its Server-to-Server app's client id.</summary>
    public string ClientId { get; }
    /// <summary>Its Server-to-Server app's secret.</summary>
    public string ClientSecret { get; }
    /// <summary>The sandbox admin key.</summary>
    public string AdminKey { get; }
    /// <summary>The app's webhook secret token: what a test's receiver verifies deliveries with.</summary>
    public string WebhookSecretToken { get; }
    /// <summary>A Zoom client for the primary account.</summary>
    public ZoomClient Zoom { get; }
    /// <summary>The sandbox controls: reset, snapshots, clock, faults, journal, seeds, accounts.</summary>
    public RosterSandboxClient Sandbox { get; }
    /// <summary>The server's services (for what a test wants to look into).</summary>
    public IServiceProvider Services => _host.Services;

    RosterSandbox(Host host, DirectoryInfo data, Uri baseUrl, string accountId, string clientId, string clientSecret, string adminKey, string webhookSecretToken)
    {
        (_host, _data, BaseUrl, AccountId, ClientId, ClientSecret, AdminKey) = (host, data, baseUrl, accountId, clientId, clientSecret, adminKey);
        WebhookSecretToken = webhookSecretToken;
        Zoom = CreateZoomClient(accountId, clientId, clientSecret);
        Sandbox = new RosterSandboxClient(BaseUrl, adminKey, CreateHttpClient());
    }

    static string Random(int bytes) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant();

    /// <summary>Starts Roster; it is ready when this returns.</summary>
    public static Task<RosterSandbox> StartAsync(RosterSandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RosterSandboxOptions();
        cancellationToken.ThrowIfCancellationRequested();
        var data = Directory.CreateTempSubdirectory("roster-testing-"); // 0700 on Unix
        try
        {
            var (accountId, clientId, clientSecret, adminKey) = ("acct_" + Random(8), "client_" + Random(6), Random(16), "rsk_" + Random(16));
            var webhookSecretToken = options.Settings.TryGetValue("ROSTER_WEBHOOK_SECRET_TOKEN", out var chosen) ? chosen : Random(16);
            var settings = new Dictionary<string, string>
            {
                ["data"] = data.FullName,
                ["ROSTER_ACCOUNT_ID"] = accountId,
                ["ROSTER_CLIENT_ID"] = clientId,
                ["ROSTER_CLIENT_SECRET"] = clientSecret,
                ["ROSTER_ADMIN_KEY"] = adminKey,
                ["ROSTER_WEBHOOK_SECRET_TOKEN"] = webhookSecretToken,
                ["RateLimits:Mode"] = options.RateLimits ? "zoom" : "off",
                ["Logging:LogLevel:Default"] = "Warning",
            };
            if (options.SeedFile is { } seed) settings["seed"] = Path.GetFullPath(seed);
            if (options.PostgresConnection is { } pg) settings["store"] = pg;
            foreach (var (key, value) in options.Settings) settings[key] = value;
            // WebApplicationFactory looks for the server's project folder (a solution beside the tests) unless told where its
            // content root is; a package consumer has none: the tests' own folder holds what the server reads
            const string contentRoot = "ASPNETCORE_TEST_CONTENTROOT_ROSTER-SERVER";
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(contentRoot))) Environment.SetEnvironmentVariable(contentRoot, AppContext.BaseDirectory);
            var host = new Host(settings);
            Uri baseUrl;
            if (options.Loopback)
            {
                host.UseKestrel(0);
                host.StartServer();
                var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                baseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");
            }
            else
            {
                host.StartServer();
                baseUrl = host.Server.BaseAddress;
            }
            return Task.FromResult(new RosterSandbox(host, data, baseUrl, accountId, clientId, clientSecret, adminKey, webhookSecretToken));
        }
        catch
        {
            data.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>An <see cref="HttpClient"/> to the server (in memory, or over the loopback port), based at <see cref="BaseUrl"/>.</summary>
    public HttpClient CreateHttpClient()
    {
        var client = _host.CreateClient();
        client.BaseAddress = BaseUrl;
        return client;
    }

    /// <summary>A Zoom client for other credentials of this server (an account made by <see cref="CreateAccountAsync"/>, a seeded app).</summary>
    public ZoomClient CreateZoomClient(string accountId, string clientId, string clientSecret)
        => new(CreateHttpClient(), new ZoomClientOptions { BaseUrl = ApiBaseUrl, AccountId = accountId, ClientId = clientId, ClientSecret = clientSecret });

    /// <summary>
    /// An isolated account with its own Server-to-Server app and a ready Zoom client: give each test one and they can run
    /// in parallel without sharing state or a reset. Disposing it deletes the account and everything of it.
    /// </summary>
    public async Task<RosterTestAccount> CreateAccountAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        var made = await Sandbox.CreateAccountAsync(name, cancellationToken);
        return new RosterTestAccount(this, made, CreateZoomClient(made.AccountId, made.ClientId, made.ClientSecret));
    }

    /// <summary>Stops Roster and deletes its files.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Zoom.Dispose();
        Sandbox.Dispose();
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _data.Delete(recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
    }

    sealed class Host(Dictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // the server's own folder is its content root, wherever the tests run from; and it runs as it does in production
            builder.UseContentRoot(AppContext.BaseDirectory);
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
