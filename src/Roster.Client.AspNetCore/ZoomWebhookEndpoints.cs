using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Client.Models;
using Roster.Client.Webhooks;

namespace Roster.Client.AspNetCore;

/// <summary>
/// <c>app.MapZoomWebhooks("/zoom/events", secretToken, handler)</c>: a POST endpoint that answers as Zoom's own receiver
/// does. It reads the body once, checks <c>x-zm-signature</c> over those exact bytes (constant time, timestamp within
/// the tolerance) and answers 401 when it fails; answers <c>endpoint.url_validation</c> itself; hands every other event,
/// typed, to the handler and answers 200 (a handler exception is a 500, which Zoom retries).
/// </summary>
public static class ZoomWebhookEndpoints
{
    /// <summary>Maps the endpoint with a handler for every verified event.</summary>
    public static IEndpointConventionBuilder MapZoomWebhooks(this IEndpointRouteBuilder endpoints, string pattern, string secretToken,
        Func<ZoomWebhookEvent, HttpContext, Task> handler)
        => endpoints.MapZoomWebhooks(pattern, new ZoomWebhookOptions { SecretToken = secretToken }, handler);

    /// <summary>Maps the endpoint with options and a handler for every verified event.</summary>
    public static IEndpointConventionBuilder MapZoomWebhooks(this IEndpointRouteBuilder endpoints, string pattern, ZoomWebhookOptions options,
        Func<ZoomWebhookEvent, HttpContext, Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.SecretToken);
        ArgumentNullException.ThrowIfNull(handler);
        var verifier = new ZoomWebhookVerifier(options.SecretToken, options.Tolerance,
            endpoints.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System);
        return endpoints.MapPost(pattern, async (HttpContext http) =>
        {
            var body = await ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
            if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            if (!verifier.Verify(http.Request.Headers[ZoomWebhookVerifier.TimestampHeader], http.Request.Headers[ZoomWebhookVerifier.SignatureHeader], body))
                return Results.Json(new Dictionary<string, string> { ["error"] = "Failed to verify event originated from Zoom." }, statusCode: StatusCodes.Status401Unauthorized);
            ZoomWebhookEvent? e;
            try
            {
                e = JsonSerializer.Deserialize(body, WebhookJsonContext.Default.ZoomWebhookEvent);
            }
            catch (JsonException)
            {
                return Results.BadRequest();
            }
            if (e is null || e.Event.Length == 0) return Results.BadRequest();
            if (e.Event == "endpoint.url_validation")
            {
                if (string.IsNullOrEmpty(e.Payload.PlainToken)) return Results.BadRequest();
                return Results.Json(verifier.AnswerChallenge(e.Payload.PlainToken), WebhookJsonContext.Default.UrlValidationResponse);
            }
            await handler(e, http);
            return Results.Json(new Dictionary<string, string> { ["message"] = "Zoom event processed successfully." });
        }).DisableAntiforgery();
    }

    /// <summary>The whole body, or null when it is larger than <paramref name="max"/>.</summary>
    static async Task<byte[]?> ReadAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > max) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
