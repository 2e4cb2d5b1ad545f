namespace Roster.Server.Http;

public sealed record ErrorItem(string Field, string Message);

/// <summary>Zoom's error body: <c>{code, message}</c>, plus <c>errors[]</c> for validation failures.</summary>
public sealed record ErrorBody(int Code, string Message, IReadOnlyList<ErrorItem>? Errors = null);
