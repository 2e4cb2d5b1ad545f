using System.Text.Json.Serialization;

namespace Roster.Client.Models;

/// <summary>Zoom's fields of a sub account that Roster's document does not list (the rest is generated from it).</summary>
public sealed partial class SubAccount
{
    /// <summary>When its paid plan ends (Zoom's; Roster's plans renew, so Roster sends none).</summary>
    [JsonPropertyName("subscription_end_time")] public DateTimeOffset? SubscriptionEndTime { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SubAccount))]
[JsonSerializable(typeof(SubAccountPage))]
[JsonSerializable(typeof(SubAccountOptionsUpdate))]
[JsonSerializable(typeof(CreateSubAccountRequest))]
[JsonSerializable(typeof(CreatedSubAccount))]
[JsonSerializable(typeof(ManagedDomainList))]
internal sealed partial class AccountsJsonContext : JsonSerializerContext;
