namespace Roster.Domain.Webhooks;

/// <summary>The states of a delivery.</summary>
public static class DeliveryStates
{
    /// <summary>Waiting for its (next) attempt at <see cref="WebhookDelivery.NextAt"/>.</summary>
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    /// <summary>Answered with a status Zoom does not retry (3xx, 4xx), or could not be sent at all.</summary>
    public const string Failed = "failed";
    /// <summary>Every retry failed.</summary>
    public const string Dead = "dead";
    public static readonly string[] All = [Pending, Delivered, Failed, Dead];
}
