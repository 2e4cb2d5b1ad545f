namespace Roster.Domain.Users;

/// <summary>Query of DELETE /users/{userId}.</summary>
public sealed record DeleteUserQuery(string? Action, string? TransferEmail);
