using Microsoft.AspNetCore.Http.Features;
using Roster.Domain.Abstractions;
using Roster.Domain.Errors;
using Roster.Domain.Users;
using Roster.Server.Auth;

namespace Roster.Server.Http;

public sealed record ErrorItem(string Field, string Message);

/// <summary>Zoom's error body: <c>{code, message}</c>, plus <c>errors[]</c> for validation failures.</summary>
public sealed record ErrorBody(int Code, string Message, IReadOnlyList<ErrorItem>? Errors = null);

/// <summary>
/// Turns every failure into Zoom's error shape in one place: domain errors with their status and code,
/// malformed input as 400/300, oversize bodies as 413, anything unexpected as a 500 without internals.
/// </summary>
public sealed class ZoomErrorMiddleware(RequestDelegate next, ILogger<ZoomErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ZoomException e)
        {
            await Write(context, e.Error);
        }
        catch (JsonException)
        {
            await Write(context, Fail.InvalidJson().Error);
        }
        catch (BadHttpRequestException e)
        {
            var error = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Fail.BodyTooLarge().Error
                : Fail.BadRequestBody(e.StatusCode);
            await Write(context, error);
        }
        catch (InvalidDataException)
        {
            // a malformed multipart or urlencoded body, too many form fields, a form value too long
            await Write(context, Fail.InvalidJson().Error);
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // the request body ended early or broke mid-read (truncated chunked body, bad multipart framing)
            await Write(context, Fail.InvalidJson().Error);
        }
        catch (Exception e) when (context.RequestServices.GetRequiredService<Storage.IStoreEngine>().IsUnstorableText(e))
        {
            await WriteUnstorable(context);
        }
        catch (Exception e) when (context.RequestServices.GetRequiredService<Storage.IStoreEngine>().IsFull(e))
        {
            logger.LogWarning("Store full on {Method} {Path}: {Error}", context.Request.Method, RequestLogging.SafePath(context.Request.Path), e.Message);
            await WriteOutage(context, Fail.StoreFull());
        }
        catch (Exception e) when (context.RequestServices.GetRequiredService<Storage.IStoreEngine>().IsUnavailable(e))
        {
            logger.LogWarning("Store unavailable on {Method} {Path}: {Error}", context.Request.Method, RequestLogging.SafePath(context.Request.Path), e.Message);
            await WriteOutage(context, Fail.Unavailable());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client went away; nothing to answer
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, RequestLogging.SafePath(context.Request.Path));
            await Write(context, Fail.Internal());
        }
    }

    /// <summary>A NUL in the input: 400 in Zoom's shape, or in the token endpoint's own shape there.</summary>
    public static Task WriteUnstorable(HttpContext context) => WriteAnywhere(context, Fail.UnstorableText().Error, "invalid_request");

    /// <summary>
    /// The store out of reach or full: 503 with the error's <c>Retry-After</c>, in Zoom's shape, or in the token endpoint's
    /// own shape there (RFC 6749's <c>temporarily_unavailable</c>), so a client fetching a token backs off the same way.
    /// </summary>
    static Task WriteOutage(HttpContext context, ZoomError error) => WriteAnywhere(context, error, "temporarily_unavailable");

    static Task WriteAnywhere(HttpContext context, ZoomError error, string oauthError)
    {
        if (!context.Request.Path.StartsWithSegments("/oauth/token")) return Write(context, error);
        if (!Start(context, error)) return Task.CompletedTask;
        return context.Response.WriteAsJsonAsync(new Auth.OAuthErrorBody(error.Message, oauthError), ServerJson.Default.OAuthErrorBody);
    }

    /// <summary>Replaces whatever the response held with the error's status and headers; false once the response has gone out.</summary>
    static bool Start(HttpContext context, ZoomError error)
    {
        if (context.Response.HasStarted) return false;
        context.Response.Clear(); // clears headers too: the error's own (Retry-After) are set after it
        Tracking.Stamp(context);
        context.Response.StatusCode = error.Status;
        if (error.Headers is { } headers)
            foreach (var (name, value) in headers) context.Response.Headers[name] = value;
        return true;
    }

    public static Task Write(HttpContext context, ZoomError error)
    {
        if (!Start(context, error)) return Task.CompletedTask;
        if (Scim.ScimErrors.Covers(context.Request)) return Scim.ScimErrors.Write(context, error); // SCIM's error schema there, never Zoom's
        var body = new ErrorBody(error.Code, error.Message, error.Errors?.Select(f => new ErrorItem(f.Field, f.Message)).ToList());
        return context.Response.WriteAsJsonAsync(body, ServerJson.Default.ErrorBody, "application/json;charset=UTF-8");
    }
}

/// <summary>Zoom's <c>x-zm-trackingid</c> response header, on every response; it is also the log scope.</summary>
public static class Tracking
{
    public const string Header = "x-zm-trackingid";

    const string TrackingPrefix = "v=2.0;clid=roster;rid=WEB_";

    public static string Id(HttpContext context)
    {
        if (context.Items.TryGetValue(Header, out var v) && v is string s) return s;
        // 128 random bits as 32 hex digits, as Zoom's look: an id to find a call by, never a secret, so the process's
        // fast generator serves (a new GUID asks the operating system for random bytes on every request)
        var id = string.Create(TrackingPrefix.Length + 32, 0, static (chars, _) =>
        {
            Span<byte> bits = stackalloc byte[16];
            Random.Shared.NextBytes(bits);
            TrackingPrefix.CopyTo(chars);
            Convert.TryToHexStringLower(bits, chars[TrackingPrefix.Length..], out _);
        });
        context.Items[Header] = id;
        return id;
    }

    public static void Stamp(HttpContext context) => context.Response.Headers[Header] = Id(context);

    public static IApplicationBuilder UseTrackingIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        Stamp(context);
        // NUL is no character of any Zoom value, and PostgreSQL cannot store it: refused at the door on both engines
        foreach (var (_, values) in context.Request.Query)
            if (values.Any(v => v?.Contains('\0') == true))
            {
                await ZoomErrorMiddleware.WriteUnstorable(context);
                return;
            }
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Roster.Requests");
        using (logger.BeginScope("TrackingId:{TrackingId}", Id(context)))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(context);
            if (logger.IsEnabled(LogLevel.Debug))
                logger.LogDebug("{Method} {Path}{Query} answered {Status} in {Elapsed:F1} ms", context.Request.Method,
                    RequestLogging.SafePath(context.Request.Path), RequestLogging.SafeQuery(context.Request.Query), context.Response.StatusCode,
                    System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    });

    /// <summary>
    /// Caps request bodies: JSON bodies are small, pictures may be up to 2 MB and Virtual Background files 15 MB (plus
    /// multipart framing), seed files 4 MB.
    /// </summary>
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var path = context.Request.Path.Value;
        if (feature is { IsReadOnly: false })
            feature.MaxRequestBodySize = path?.EndsWith("/picture", StringComparison.Ordinal) == true
                ? 3 * 1024 * 1024
                : context.Request.Method == "POST" && path?.EndsWith("/settings/virtual_backgrounds", StringComparison.Ordinal) == true
                ? Domain.Users.VirtualBackgroundRules.MaxBytes + 1024 * 1024
                : context.Request.Path.StartsWithSegments("/roster/v1/sandbox/seed") ? Domain.Sandbox.SeedDocument.MaxChars
                : context.Request.Method == "POST" && context.Request.Path.StartsWithSegments("/console") && path?.EndsWith("/imports", StringComparison.Ordinal) == true
                ? AdminConsole.ConsoleImports.MaxBytes + 64 * 1024
                : Input.MaxJsonBytes;
        return next(context);
    });
}
