using System.Text;
using Roster.Client.Models;

namespace Roster.Client;

/// <summary>Supplies access tokens; <see cref="InvalidateAsync"/> drops a token the server called expired.</summary>
public interface IAccessTokenProvider
{
    /// <summary>A valid access token, fetched or refreshed when needed.</summary>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="token"/> so the next call fetches a new one.</summary>
    ValueTask InvalidateAsync(string token);
}

/// <summary>A fixed token (no refresh).</summary>
public sealed class StaticTokenProvider(string token) : IAccessTokenProvider
{
    /// <inheritdoc />
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    /// <inheritdoc />
    public ValueTask InvalidateAsync(string token) => ValueTask.CompletedTask;
}

/// <summary>
/// OAuth tokens from the token endpoint, cached and shared by concurrent calls (one request at a time fetches),
/// refreshed <see cref="ZoomClientOptions.TokenRefreshMargin"/> before expiry. Server-to-Server
/// (<c>account_credentials</c>) or user-level (<c>refresh_token</c>, rotated on every refresh).
/// </summary>
public sealed class OAuthTokenProvider : IAccessTokenProvider
{
    readonly HttpClient _http;
    readonly ZoomClientOptions _options;
    readonly TimeProvider _clock;
    readonly SemaphoreSlim _lock = new(1, 1);
    string? _token;
    DateTimeOffset _expires;

    /// <summary>Creates the provider over an HTTP client that reaches the token endpoint.</summary>
    public OAuthTokenProvider(HttpClient http, ZoomClientOptions options, TimeProvider? clock = null)
    {
        _http = http;
        _options = options;
        _clock = clock ?? TimeProvider.System;
        if (options.ClientId is null || options.ClientSecret is null)
            throw new ArgumentException("OAuth needs ClientId and ClientSecret", nameof(options));
        if (options.AccountId is null && options.RefreshToken is null)
            throw new ArgumentException("OAuth needs AccountId (Server-to-Server) or RefreshToken (user level)", nameof(options));
    }

    /// <summary>The current refresh token of a user-level app (it rotates on every refresh).</summary>
    public string? RefreshToken => _options.RefreshToken;

    /// <inheritdoc />
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && _clock.GetUtcNow() < _expires - _options.TokenRefreshMargin) return cached;
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } again && _clock.GetUtcNow() < _expires - _options.TokenRefreshMargin) return again;
            var form = _options.RefreshToken is { } refresh
                ? new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh }
                : new Dictionary<string, string> { ["grant_type"] = "account_credentials", ["account_id"] = _options.AccountId! };
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.ResolvedTokenUrl) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.ClientId}:{_options.ClientSecret}")));
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                string reason = body;
                try { reason = JsonSerializer.Deserialize(body, ZoomJsonContext.Default.OAuthError)?.Reason ?? body; } catch (JsonException) { }
                throw new ZoomApiException(response.StatusCode, null, $"OAuth token request failed: {reason}", [], null);
            }
            var token = JsonSerializer.Deserialize(body, ZoomJsonContext.Default.OAuthToken)
                ?? throw new ZoomApiException(response.StatusCode, null, "OAuth token response was empty", [], null);
            if (token.RefreshToken is { Length: > 0 } rotated) _options.RefreshToken = rotated;
            _token = token.AccessToken;
            _expires = _clock.GetUtcNow().AddSeconds(token.ExpiresIn);
            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask InvalidateAsync(string token)
    {
        if (_token == token) _token = null;
        return ValueTask.CompletedTask;
    }
}
