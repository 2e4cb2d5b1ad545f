using Roster.Domain.Auth;
using Roster.Domain.Users;

namespace Roster.Domain.Accounts;

public sealed record BootstrapRequest(string? AccountId, string? ClientId, string? ClientSecret, string OwnerEmail = "owner@example.com",
    string? OwnerPassword = null, string? WebhookSecretToken = null);

public sealed record BootstrapResult(Account Account, User Owner, OAuthApp App, string? ClientSecret, bool Created);
