namespace Roster.Domain.Webhooks;

/// <summary>
/// An app's event subscription: the events it wants, where they go, and whose changes it hears. Signed with the app's
/// secret token. <see cref="ValidatedAt"/> is when its URL last answered Zoom's challenge (store clock); after
/// <see cref="WebhookRules.MaxValidationFailures"/> failed revalidations in a row it is <see cref="Disabled"/>.
/// </summary>
public sealed record WebhookSubscription
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public required string AccountId { get; init; }
    public string Name { get; init; } = "";
    public required IReadOnlyList<string> Events { get; init; }
    public required string Url { get; init; }
    public required string Scope { get; init; }
    public IReadOnlyList<string> UserIds { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ValidatedAt { get; init; }
    public int ValidationFailures { get; init; }
    public bool Disabled { get; init; }

    /// <summary>Whether this subscription hears <paramref name="e"/> (of an account whose parent is <paramref name="parentOfEventAccount"/>).</summary>
    public bool Hears(Events.DomainEvent e, string zoomEvent, string? parentOfEventAccount)
    {
        if (Disabled || e.OccurredAt < CreatedAt || !Events.Contains(zoomEvent)) return false;
        return Scope switch
        {
            SubscriptionScopes.User => e.AccountId == AccountId && e.SubjectId is { } subject && UserIds.Contains(subject),
            SubscriptionScopes.Account => e.AccountId == AccountId,
            SubscriptionScopes.MasterAccount => e.AccountId == AccountId || parentOfEventAccount == AccountId,
            _ => false,
        };
    }
}
