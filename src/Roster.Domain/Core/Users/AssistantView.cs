namespace Roster.Domain.Users;

public sealed record AssistantView(string Id, string Email, bool CanManageHostPrivateEvent);
