
namespace Roster.Domain.Errors;

/// <summary>One offending input field of a code-300 validation failure.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// A failure in Zoom's terms: the HTTP status, Zoom's numeric code and message, and for validation
/// failures the list of fields. The server writes it as Zoom's <c>{code, message, errors[]}</c> body.
/// </summary>
public sealed record ZoomError(int Status, int Code, string Message, IReadOnlyList<FieldError>? Errors = null)
{
    /// <summary>Response headers that belong to this error (rate-limit headers of a 429).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Under <c>/scim2</c>: RFC 7644 §3.12's <c>scimType</c> of a 400 or 409 (<c>invalidFilter</c>, <c>invalidValue</c> …), where one fits.</summary>
    public string? ScimType { get; init; }
}
