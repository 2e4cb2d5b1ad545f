namespace Roster.Server.Webhooks;

public sealed record SubscribeRequest(List<string>? UserIds, string? AccountId);
