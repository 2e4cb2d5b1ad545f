
namespace Roster.Client;

/// <summary>Where the client sends requests and how it authenticates; bind it from configuration or set it in code.</summary>
public sealed class ZoomClientOptions
{
    /// <summary>The API base URL. Zoom's by default; point it at a Roster server (e.g. <c>http://localhost:5080/v2</c>).</summary>
    public Uri BaseUrl { get; set; } = new("https://api.zoom.us/v2");

    /// <summary>The OAuth token endpoint. When null it follows <see cref="BaseUrl"/>: Zoom's <c>https://zoom.us/oauth/token</c>, else <c>{origin}/oauth/token</c>.</summary>
    public Uri? TokenUrl { get; set; }

    /// <summary>Server-to-Server OAuth: the account id.</summary>
    public string? AccountId { get; set; }

    /// <summary>OAuth client id (Server-to-Server or user-level app).</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A fixed access token, used as is (no refresh) when set.</summary>
    public string? AccessToken { get; set; }

    /// <summary>User-level OAuth: a refresh token; the client refreshes (and rotates) it as needed.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>How many times a request is retried after a 429, a 5xx or a network error.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The most a call may spend waiting between retries in total.</summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Refresh a cached token when less than this is left.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

    internal Uri ResolvedTokenUrl => TokenUrl ?? (BaseUrl.Host.Equals("api.zoom.us", StringComparison.OrdinalIgnoreCase)
        ? new Uri("https://zoom.us/oauth/token")
        : new Uri(new Uri(BaseUrl.GetLeftPart(UriPartial.Authority)), "/oauth/token"));
}
