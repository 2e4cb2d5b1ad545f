using Roster.Domain.Errors;

namespace Roster.Domain.Limits;

/// <summary>The verdict for one request: the headers to send, and the error when it is refused.</summary>
public sealed record RateDecision(string Category, int Limit, int Remaining, string? Type, DateTimeOffset? RetryAfter, ZoomError? Error)
{
    /// <summary>Zoom's rate-limit headers for this verdict (reference §11), built in this one place.</summary>
    public Dictionary<string, string> Headers()
    {
        var headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Category"] = Category,
            ["X-RateLimit-Limit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Remaining"] = Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (Type is { } type) headers["X-RateLimit-Type"] = type;
        if (RetryAfter is { } at) headers["Retry-After"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return headers;
    }

    /// <summary>The refusal with its headers, ready to throw.</summary>
    public ZoomException Refusal() => new(Error! with { Headers = Headers() });
}
