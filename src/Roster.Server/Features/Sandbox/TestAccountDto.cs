namespace Roster.Server.Hosting;

public sealed record TestAccountRequest(string? Name);

public sealed record TestAccountDto(string AccountId, string AccountName, string OwnerEmail, string ClientId, string ClientSecret, string WebhookSecretToken);
