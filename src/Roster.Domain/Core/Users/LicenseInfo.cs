using System.ComponentModel;

namespace Roster.Domain.Users;

[Description("An add-on licence of a user.")]
public sealed record LicenseInfo(
    [property: JsonPropertyName("license_type"), Description("The licence, e.g. `zoom_workforce_management`.")] string? LicenseType,
    [property: JsonPropertyName("license_option"), Description("The licence's option.")] long? LicenseOption,
    [property: JsonPropertyName("subscription_id"), Description("The subscription the licence comes from.")] string? SubscriptionId);
