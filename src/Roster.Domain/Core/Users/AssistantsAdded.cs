namespace Roster.Domain.Users;

public sealed record AssistantsAdded(string Ids, DateTimeOffset AddAt);
