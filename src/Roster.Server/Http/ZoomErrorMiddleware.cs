using Roster.Domain.Errors;

namespace Roster.Server.Http;

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
