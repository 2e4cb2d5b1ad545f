namespace Roster.Server.Webhooks;

public sealed record EventSubscriptionRequest(List<string>? Events, string? EventSubscriptionName, string? EventWebhookUrl, List<string>? UserIds,
    string? SubscriptionScope, string? AccountId);

public sealed record EventSubscriptionUpdate(string? EventSubscriptionId, List<string>? Events, string? EventSubscriptionName, string? EventWebhookUrl);

public sealed record EventSubscriptionCreatedDto(string EventSubscriptionId);

public sealed record EventSubscriptionDto(string EventSubscriptionId, IReadOnlyList<string> Events, string EventSubscriptionName, string EventWebhookUrl,
    string SubscriptionScope, string CreatedSource, string SubscriberId, IReadOnlyList<string>? UserIds, bool Disabled, string ValidatedAt);

public sealed record EventSubscriptionListDto(string NextPageToken, int PageSize, IReadOnlyList<EventSubscriptionDto> EventSubscriptions);
