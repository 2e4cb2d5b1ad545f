namespace Roster.Domain.Webhooks;

/// <summary>Zoom's limits and rules for subscriptions and deliveries (reference zoom-webhooks.md §1.5, §2).</summary>
public static class WebhookRules
{
    /// <summary>The lock every write of an app's subscriptions holds (their count is limited, and each is read, merged and written back).</summary>
    public static string SubscriptionsLock(string clientId) => "subscriptions:" + clientId;

    public const int MaxSubscriptionsPerApp = 20;
    public const int MaxNameLength = 64;
    public const int MaxUrlLength = 2048;
    public const int MaxUsersPerSubscription = 300;
    /// <summary>An endpoint must answer within this time.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    /// <summary>When a validated URL is checked again.</summary>
    public static readonly TimeSpan Revalidation = TimeSpan.FromHours(72);
    /// <summary>Failed revalidations in a row after which Zoom stops sending and disables the subscription.</summary>
    public const int MaxValidationFailures = 6;
    /// <summary>Retries after a failed attempt: +5 min, then +20 min, then +60 min; after the third the delivery is dead.</summary>
    public static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(60)];

    /// <summary>The events Zoom's Users resource sends (a subscription may name any of them; Roster emits those it records).</summary>
    public static readonly IReadOnlySet<string> UserEvents = new HashSet<string>(StringComparer.Ordinal)
    {
        "user.created", "user.invitation_accepted", "user.updated", "user.settings_updated", "user.activated", "user.deactivated",
        "user.deleted", "user.disassociated", "user.signed_in", "user.signed_out", "user.presence_status_updated", "user.personal_notes_updated",
        "group.created", "group.updated", "group.deleted", "group.member_added", "group.member_deleted", "group.admin_added", "group.admin_deleted",
        "group.settings_updated", "group.lock_settings_updated",
    };

    /// <summary>An app hears group events only when it may read groups (the group list's or a group's read scope).</summary>
    public static readonly string[] GroupEventScopes =
    [
        "group:read:admin", "group:write:admin", "group:master", "group:read:group:admin", "group:read:group:master",
        "group:read:list_groups:admin", "group:read:list_groups:master",
    ];

    /// <summary>Whether <paramref name="eventName"/> is one of the Users product's group events (heard with <see cref="GroupEventScopes"/>).</summary>
    public static bool IsGroupEvent(string eventName) => eventName.StartsWith("group.", StringComparison.Ordinal);

    /// <summary>An app hears user events only when it may read users (Zoom: the event's own read scope must be on the app).</summary>
    public static readonly string[] UserEventScopes =
        ["user:read:admin", "user:write:admin", "user:read:user:admin", "user:read:user:master", "user:read:list_users:admin", "user:read:list_users:master"];

    /// <summary>A URL Roster may deliver to: absolute http(s), with a host, no credentials and no fragment.</summary>
    public static bool IsDeliverableUrl(string? url)
        => url is { Length: > 0 and <= MaxUrlLength }
           && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
           && u.Host.Length > 0 && u.UserInfo.Length == 0 && u.Fragment.Length == 0 && !url.Any(char.IsWhiteSpace);
}
