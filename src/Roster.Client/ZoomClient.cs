using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Roster.Client;

/// <summary>
/// A client for Zoom's Users API, against Zoom itself or a Roster server. Long-lived and thread-safe: make one
/// and share it (or register it with <see cref="ServiceCollectionExtensions.AddRosterClient(IServiceCollection, Action{ZoomClientOptions})"/>).
/// </summary>
public class ZoomClient : IDisposable
{
    readonly HttpClient? _owned;

    /// <summary>A client over its own <see cref="HttpClient"/>.</summary>
    public ZoomClient(ZoomClientOptions options) : this(new HttpClient(), options, null, null) => _owned = Http;

    /// <summary>A client over a given <see cref="HttpClient"/> (from <c>IHttpClientFactory</c>, or with a test handler).</summary>
    public ZoomClient(HttpClient httpClient, ZoomClientOptions options, ILogger<ZoomClient>? logger = null, TimeProvider? clock = null)
    {
        Http = httpClient;
        Options = options;
        clock ??= TimeProvider.System;
        Tokens = options.AccessToken is { } fixedToken ? new StaticTokenProvider(fixedToken) : new OAuthTokenProvider(httpClient, options, clock);
        Transport = new ZoomTransport(httpClient, options, Tokens, clock, (ILogger?)logger ?? NullLogger.Instance);
        Users = new UsersClient(Transport);
        Accounts = new AccountsClient(Transport);
        Groups = new GroupsClient(Transport);
        Roles = new RolesClient(Transport);
        Webhooks = new WebhooksClient(Transport, httpClient, Tokens);
    }

    /// <summary>For mocking.</summary>
    protected ZoomClient()
    {
        Http = null!;
        Options = null!;
        Tokens = null!;
        Transport = null!;
        Users = null!;
        Accounts = null!;
        Groups = null!;
        Roles = null!;
        Webhooks = null!;
    }

    internal HttpClient Http { get; }
    internal ZoomTransport Transport { get; }

    /// <summary>The options the client was made with.</summary>
    public ZoomClientOptions Options { get; }

    /// <summary>Where access tokens come from.</summary>
    public IAccessTokenProvider Tokens { get; }

    /// <summary>The Users API.</summary>
    public virtual UsersClient Users { get; }

    /// <summary>Sub accounts (master accounts) and managed domains.</summary>
    public virtual AccountsClient Accounts { get; }

    /// <summary>Groups, their members and admins.</summary>
    public virtual GroupsClient Groups { get; }

    /// <summary>Roles and who holds them.</summary>
    public virtual RolesClient Roles { get; }

    /// <summary>Webhooks: Zoom's event subscriptions, and Roster's delivery log and event stream.</summary>
    public virtual WebhooksClient Webhooks { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        _owned?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Registration with dependency injection and <c>IHttpClientFactory</c>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ZoomClient"/> as a singleton configured in code.</summary>
    public static IServiceCollection AddRosterClient(this IServiceCollection services, Action<ZoomClientOptions> configure)
    {
        services.AddOptions<ZoomClientOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>Registers <see cref="ZoomClient"/> with options bound from a configuration section (e.g. <c>"Zoom"</c>).</summary>
    public static IServiceCollection AddRosterClient(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ZoomClientOptions>().Bind(section);
        return AddCore(services);
    }

    static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddHttpClient(nameof(ZoomClient));
        services.AddSingleton(sp => new ZoomClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ZoomClient)),
            sp.GetRequiredService<IOptions<ZoomClientOptions>>().Value,
            sp.GetService<ILogger<ZoomClient>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
