using Microsoft.Extensions.Logging.Configuration;

namespace Roster.Server.Http;

/// <summary>
/// Logging that never carries a secret: ASP.NET Core's own request lines (which print whole URLs, query strings
/// with OAuth codes and refresh tokens included) are kept at Warning whatever the configuration says, and Roster
/// writes its own request line at Debug with the values of query parameters replaced unless they are known to be
/// harmless, and with invitation tokens cut out of paths.
/// </summary>
public static class RequestLogging
{
    /// <summary>Framework categories whose Information/Debug lines print URLs: they log warnings only.</summary>
    static readonly string[] QuietCategories = ["Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Http.Result", "System.Net.Http.HttpClient"];

    static readonly HashSet<string> HarmlessQueryKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "page_size", "page_number", "status", "role_id", "include_fields", "action", "type", "login_type", "option",
        "custom_query_fields", "encrypted_email", "search_by_unique_id", "transfer_email", "transfer_meeting", "transfer_webinar",
        "transfer_recording", "transfer_whiteboard", "transfer_clips", "transfer_notes", "transfer_docs", "response_type", "grant_type",
        "code_challenge_method",
    };

    public static WebApplicationBuilder AddRosterLogging(this WebApplicationBuilder builder)
    {
        // Framework categories whose Information/Debug lines print URLs (query strings, redirect targets with codes).
        builder.Services.PostConfigure<LoggerFilterOptions>(o =>
        {
            foreach (var category in QuietCategories)
                o.Rules.Add(new LoggerFilterRule(null, category, LogLevel.Warning, null));
            // "No XML encryptor configured": the key ring lives in the store (StoreKeyRing), sealed with the store's
            // key-encryption key when one is set, else protected like the signing key beside it; the warning misleads.
            o.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error, null));
        });
        return builder;
    }

    public static string SafePath(PathString path)
    {
        var value = path.Value ?? "";
        return value.StartsWith("/invitations/", StringComparison.Ordinal) ? "/invitations/***" : value;
    }

    public static string SafeQuery(IQueryCollection query)
    {
        if (query.Count == 0) return "";
        return "?" + string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={(HarmlessQueryKeys.Contains(q.Key) ? Uri.EscapeDataString(q.Value.ToString()) : "***")}"));
    }
}
