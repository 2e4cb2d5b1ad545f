namespace Roster.Domain.Webhooks;

/// <summary>Who a subscription hears (reference zoom-webhooks.md §1.2).</summary>
public static class SubscriptionScopes
{
    /// <summary>Only changes to the users listed in the subscription.</summary>
    public const string User = "user";
    /// <summary>Changes to any user of the app's account.</summary>
    public const string Account = "account";
    /// <summary>Changes in the app's (master) account and in its sub accounts.</summary>
    public const string MasterAccount = "master_account";
    public static readonly string[] All = [User, Account, MasterAccount];
}
