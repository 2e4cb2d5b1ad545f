namespace Roster.Domain.Abstractions;

public sealed record Assistant(string UserId, string AssistantId, bool CanManageHostPrivateEvent, DateTimeOffset AddedAt);
