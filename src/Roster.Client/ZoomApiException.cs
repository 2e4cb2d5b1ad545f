using System.Net;

namespace Roster.Client;

/// <summary>One offending field of a Zoom validation failure (code 300).</summary>
/// <param name="Field">Dotted path of the field, e.g. <c>user_info.email</c>.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record ZoomFieldError(string Field, string Message);

/// <summary>A call Zoom (or Roster) refused: the HTTP status, Zoom's numeric code and message, the field errors, and the tracking id.</summary>
public sealed class ZoomApiException : Exception
{
    /// <summary>Creates the exception from a parsed error response.</summary>
    public ZoomApiException(HttpStatusCode status, int? code, string message, IReadOnlyList<ZoomFieldError> errors, string? trackingId)
        : base(code is null ? $"[{(int)status}] {message}" : $"[{(int)status}/{code}] {message}")
    {
        StatusCode = status;
        Code = code;
        ZoomMessage = message;
        Errors = errors;
        TrackingId = trackingId;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Zoom's error code (<c>1001</c> user does not exist, <c>1005</c> e-mail taken, <c>300</c> validation…), when the body had one.</summary>
    public int? Code { get; }

    /// <summary>Zoom's message, as sent.</summary>
    public string ZoomMessage { get; }

    /// <summary>Field errors of a validation failure; empty otherwise.</summary>
    public IReadOnlyList<ZoomFieldError> Errors { get; }

    /// <summary>The <c>x-zm-trackingid</c> of the response, to quote to Zoom support.</summary>
    public string? TrackingId { get; }
}
