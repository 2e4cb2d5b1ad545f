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
        h.CacheControl = "no-cache, no-store"; // what antiforgery asks of a page with a form (it warns otherwise)
        h.Pragma = "no-cache";
        h["Referrer-Policy"] = "no-referrer";
        h.XContentTypeOptions = "nosniff";
    }

    /// <summary>One small stylesheet for every page: readable, keyboard-visible focus, contrast of 4.5:1 or more.</summary>
    const string Style = """
        :root{--ink:#1d2330;--muted:#4f586a;--line:#d5dae3;--brand:#0b5cff;--brand-dark:#0942b8;--bad:#b42318;--bad-bg:#fef3f2}
        *{box-sizing:border-box}
        body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:24px;
          background:#f3f5f9;color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        main{width:100%;max-width:440px;background:#fff;border:1px solid var(--line);border-radius:12px;padding:32px;
          box-shadow:0 1px 2px rgba(16,24,40,.06),0 8px 24px rgba(16,24,40,.08)}
        .brand{margin:0 0 20px;font-weight:700;color:var(--brand);letter-spacing:.02em}
        .brand span{color:var(--muted);font-weight:400}
        h1{font-size:1.5rem;line-height:1.25;margin:0 0 8px}
        p{margin:0 0 16px;color:var(--muted)}
        label{display:block;font-weight:600;margin:16px 0 6px}
        input{width:100%;padding:10px 12px;font:inherit;color:var(--ink);border:1px solid #8a94a6;border-radius:8px}
        input:focus{outline:3px solid rgba(11,92,255,.35);outline-offset:1px;border-color:var(--brand)}
        input[aria-invalid=true]{border-color:var(--bad)}
        button{margin-top:20px;width:100%;padding:11px 16px;font:inherit;font-weight:600;color:#fff;background:var(--brand);border:0;border-radius:8px;cursor:pointer}
        button:hover{background:var(--brand-dark)}
        button:focus-visible{outline:3px solid rgba(11,92,255,.45);outline-offset:2px}
        .rules{margin:8px 0 0;padding-left:20px;color:var(--muted);font-size:.875rem}
        .error{margin:8px 0 0;padding:10px 12px;border:1px solid #fecdca;border-radius:8px;background:var(--bad-bg);color:var(--bad)}
        .scopes{margin:0 0 8px;padding-left:20px}
        .scopes code{font-size:.875rem;color:var(--ink)}
        footer{margin-top:16px;color:var(--muted);font-size:.8125rem;text-align:center}
        """;

    /// <summary>A page of Roster's: the brand line (with <paramref name="context"/>, e.g. the account's name), the body, a footer.</summary>
    public static IResult Page(HttpContext http, string title, string body, int status = 200, string? context = null)
    {
        SecureHeaders(http.Response);
        var brand = string.IsNullOrEmpty(context) ? "Roster" : $"Roster<span> · {Encode(context)}</span>";
        return Results.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{Encode(title)}</title><style>{Style}</style></head><body><main><p class=\"brand\">{brand}</p>{body}</main>" +
            "<footer>Served by Roster, a self-hosted stand-in for Zoom's Users API.</footer></body></html>",
            "text/html; charset=utf-8", statusCode: status);
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A labelled input; with an error, the error stands right under it and the input says it is invalid.</summary>
    public static string Field(string id, string label, string type, string autocomplete, string? value = null, string? error = null, string? describedBy = null)
    {
        var described = string.Join(' ', new[] { error is null ? null : id + "-error", describedBy }.Where(d => d is not null));
        return $"<label for=\"{id}\">{Encode(label)}</label><input id=\"{id}\" name=\"{id}\" type=\"{type}\" autocomplete=\"{autocomplete}\" required" +
            (value is null ? "" : $" value=\"{Encode(value)}\"") +
            (error is null ? "" : " aria-invalid=\"true\"") +
            (described.Length == 0 ? "" : $" aria-describedby=\"{described}\"") + ">" +
            (error is null ? "" : $"<p class=\"error\" id=\"{id}-error\" role=\"alert\">{Encode(error)}</p>");
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
