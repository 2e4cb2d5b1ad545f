using Microsoft.AspNetCore.Http.Features;

namespace Roster.Server.Http;

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
