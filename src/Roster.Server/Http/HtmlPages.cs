using Microsoft.AspNetCore.Antiforgery;

namespace Roster.Server.Http;

/// <summary>
/// The few HTML pages Roster serves (invitation, consent): never framed (clickjacking), never cached, no referrer
/// (their URLs carry invitation tokens), and every form carries an antiforgery token checked on submit.
/// </summary>
public static class HtmlPages
{
    public static void SecureHeaders(HttpResponse response)
    {
        var h = response.Headers;
        h.XFrameOptions = "DENY";
        h.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        h.CacheControl = "no-store";
        h["Referrer-Policy"] = "no-referrer";
        h.XContentTypeOptions = "nosniff";
    }

    public static IResult Page(HttpContext http, string title, string body, int status = 200)
    {
        SecureHeaders(http.Response);
        return Results.Content(
            $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head><body>{body}</body></html>",
            "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>The hidden antiforgery field for a form on this page (and its cookie on the response).</summary>
    public static string CsrfField(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{WebUtility.HtmlEncode(tokens.RequestToken)}\">";
    }

    /// <summary>Whether a form post carries a valid antiforgery token; malformed forms are simply invalid.</summary>
    public static async Task<bool> CsrfValid(HttpContext http)
    {
        if (!http.Request.HasFormContentType) return false;
        try
        {
            return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException or IOException or BadHttpRequestException)
        {
            return false; // a body that is not a readable form
        }
    }
}
