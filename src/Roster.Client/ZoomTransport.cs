using System.Net;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Roster.Client.Models;

namespace Roster.Client;

/// <summary>
/// Sends one API call with auth and Zoom-aware retries: 429 (except daily limits) and transient 5xx or network
/// errors are retried with jittered exponential backoff that honours <c>Retry-After</c> and <c>X-RateLimit-Type</c>,
/// within <see cref="ZoomClientOptions.RetryBudget"/>; a 401 "expired" refreshes the token once.
/// </summary>
internal sealed class ZoomTransport(HttpClient http, ZoomClientOptions options, IAccessTokenProvider tokens, TimeProvider clock, ILogger logger)
{
    /// <summary>How the transport waits between attempts (tests replace it to run without sleeping).</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (d, ct) => Task.Delay(d, clock, ct);

    /// <summary>Source of jitter in [0, 1) (tests make it deterministic).</summary>
    internal Func<double> Random { get; set; } = System.Random.Shared.NextDouble;

    public async Task<T?> SendAsync<T>(HttpMethod method, string pathAndQuery, Func<HttpContent?>? content, JsonTypeInfo<T>? result, CancellationToken ct)
    {
        var spent = TimeSpan.Zero;
        var refreshed = false;
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(ct);
            using var request = new HttpRequestMessage(method, Target(pathAndQuery));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Content = content?.Invoke();
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (HttpRequestException e) when (attempt < options.MaxRetries)
            {
                var wait = Backoff(attempt);
                if (spent + wait > options.RetryBudget) throw;
                logger.LogWarning(e, "{Method} {Path} failed ({Error}); retry {Attempt} in {Delay}", method, pathAndQuery, e.Message, attempt + 1, wait);
                spent += wait;
                await Delay(wait, ct);
                continue;
            }
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    if (result is null || body.Length == 0) return default;
                    return JsonSerializer.Deserialize(body, result);
                }
                var error = Hint(Parse(response, body));
                if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshed && tokens is not StaticTokenProvider)
                {
                    refreshed = true;
                    await tokens.InvalidateAsync(token);
                    attempt--;
                    continue;
                }
                var wait = RetryDelay(response, attempt);
                if (wait is { } w && attempt < options.MaxRetries && spent + w <= options.RetryBudget)
                {
                    logger.LogInformation("{Method} {Path} answered {Status}; retry {Attempt} in {Delay}", method, pathAndQuery, (int)response.StatusCode, attempt + 1, w);
                    spent += w;
                    await Delay(w, ct);
                    continue;
                }
                logger.LogDebug("{Method} {Path} failed: {Error}", method, pathAndQuery, error.Message);
                throw error;
            }
        }
    }

    /// <summary>Zoom's paths under the base URL (<c>…/v2</c>); Roster's own (<c>/roster/…</c>) beside it, at the server's root.</summary>
    internal Uri Target(string pathAndQuery)
    {
        var root = options.BaseUrl.ToString().TrimEnd('/');
        if (pathAndQuery.StartsWith("/roster/", StringComparison.Ordinal) && root.EndsWith("/v2", StringComparison.Ordinal)) root = root[..^3];
        return new Uri(root + pathAndQuery);
    }

    TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(5.0, 0.5 * Math.Pow(2, attempt));
        return TimeSpan.FromSeconds(ceiling * (0.75 + 0.25 * Random()));
    }

    /// <summary>How long to wait before retrying this response, or null when it must not be retried.</summary>
    TimeSpan? RetryDelay(HttpResponseMessage response, int attempt)
    {
        var status = (int)response.StatusCode;
        if (status == 429)
        {
            var type = response.Headers.TryGetValues("X-RateLimit-Type", out var t) ? t.FirstOrDefault() : null;
            if (string.Equals(type, "Daily-limit", StringComparison.OrdinalIgnoreCase)) return null; // not worth waiting for
            if (response.Headers.RetryAfter is { } after)
            {
                if (after.Delta is { } delta) return delta;
                if (after.Date is { } date) return date - clock.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
            }
            else if (response.Headers.TryGetValues("Retry-After", out var raw) && DateTimeOffset.TryParse(raw.FirstOrDefault(), out var when))
            {
                var d = when - clock.GetUtcNow();
                return d > TimeSpan.Zero ? d : TimeSpan.Zero;
            }
            return TimeSpan.FromSeconds(1 + Random()); // QPS: the window is one second
        }
        return status is 500 or 502 or 503 or 504 ? Backoff(attempt) : null;
    }

    /// <summary>
    /// A 404 for a base URL that does not end in <c>/v2</c> is almost always the base URL, not the resource: say so
    /// (Zoom's and Roster's API both live under <c>/v2</c>).
    /// </summary>
    ZoomApiException Hint(ZoomApiException error)
    {
        if (error.StatusCode != HttpStatusCode.NotFound || options.BaseUrl.AbsolutePath.TrimEnd('/').EndsWith("/v2", StringComparison.Ordinal)) return error;
        return new ZoomApiException(error.StatusCode, error.Code,
            $"{error.Message} The base URL {options.BaseUrl} does not end in /v2; Zoom's API is at https://api.zoom.us/v2 (for Roster: http://host:port/v2).",
            error.Errors, error.TrackingId);
    }

    internal static ZoomApiException Parse(HttpResponseMessage response, string body)
    {
        var tracking = response.Headers.TryGetValues("x-zm-trackingid", out var v) ? v.FirstOrDefault() : null;
        try
        {
            var error = JsonSerializer.Deserialize(body, ZoomJsonContext.Default.ErrorResponse);
            if (error is not null && (error.Code is not null || error.Message is not null))
                return new ZoomApiException(response.StatusCode, error.Code, error.Message ?? "",
                    error.Errors?.Select(e => new ZoomFieldError(e.Field ?? "", e.Message ?? "")).ToList() ?? [], tracking);
        }
        catch (JsonException) { }
        return new ZoomApiException(response.StatusCode, null, $"Request was unsuccessful: {response.ReasonPhrase}", [], tracking);
    }
}
