using Roster.Domain.Errors;
using Roster.Domain.Scim;

namespace Roster.Server.Scim;

/// <summary>
/// Every failure under <c>/scim2</c> in the SCIM error schema (RFC 7644 §3.12), never Zoom's <c>{code, message}</c>:
/// <c>schemas</c>, <c>status</c> as a number (as Zoom sends it, reference §2), <c>detail</c> (the error's message) and
/// <c>scimType</c> where one fits (a 409 is <c>uniqueness</c>). The error middleware and the status-code pages (401, 404,
/// 405, 413, 415, 429, 503 …) all come here for these paths; the error's own headers (<c>Retry-After</c>) stay.
/// </summary>
public static class ScimErrors
{
    public static bool Covers(HttpRequest request) => request.Path.StartsWithSegments("/scim2", StringComparison.OrdinalIgnoreCase);

    public static Task Write(HttpContext context, ZoomError error)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchema.Error),
            ["status"] = error.Status,
        };
        if ((error.ScimType ?? (error.Status == 409 ? "uniqueness" : null)) is { } type) body["scimType"] = type;
        body["detail"] = error.Message;
        context.Response.ContentType = ScimEndpoints.MediaType + "; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
