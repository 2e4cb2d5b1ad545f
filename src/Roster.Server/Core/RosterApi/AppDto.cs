namespace Roster.Server.Hosting;

public sealed record AppRequest(string? AccountId, List<string>? Scopes, string? Type, List<string>? RedirectUris, string? Name, string? WebhookSecretToken = null,
    Webhooks.EventSubscriptionRequest? EventSubscription = null);

public sealed record AppDto(string ClientId, string ClientSecret, string AccountId, string Scope, string Type, IReadOnlyList<string> RedirectUris, string Name,
    string? WebhookSecretToken = null, string? EventSubscriptionId = null);
