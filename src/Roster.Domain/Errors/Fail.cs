namespace Roster.Domain.Errors;

/// <summary>The Zoom errors the Users API answers with, named for when they happen (reference §9).</summary>
public static class Fail
{
    public static ZoomException With(int status, int code, string message, IReadOnlyList<FieldError>? errors = null)
        => new(new ZoomError(status, code, message, errors));

    public static ZoomException UserNotFound(string userId) => With(404, 1001, $"User does not exist: {userId}.");
    public static ZoomException AccountNotFound(string accountId) => With(404, 2001, $"Account does not exist: {accountId}.");
    public static ZoomException EmailTaken(string email) => With(409, 1005, $"Email \"{email}\" has already been used.");
    public static ZoomException NoPrivilege(string message) => With(400, 200, message);
    public static ZoomException Invalid(string message) => With(400, 300, message);
    public static ZoomException InvalidJson() => With(400, 300, "Request Body should be a valid JSON object.");
    public static ZoomException Validation(params FieldError[] errors) => With(400, 300, "Validation Failed.", errors);
    public static ZoomException InvalidField(string field) => Validation(new FieldError(field, "Invalid field."));
    public static ZoomException InvitationExpired() => With(400, 1120, "Invite does not exist or has expired.");
    public static ZoomException NoSeats(string message) => With(400, 2034, message);
    public static ZoomException InvalidAccessToken() => With(401, 124, "Invalid access token.");
    public static ZoomException ExpiredAccessToken() => With(401, 124, "Access token is expired.");
    public static ZoomException MissingScopes(IEnumerable<string> accepted)
        => With(400, 4711, $"Invalid access token, does not contain scopes:[{string.Join(", ", accepted)}].");
}
