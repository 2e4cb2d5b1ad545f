using System.ComponentModel;

namespace Roster.Domain.Users;

[Description("A phone number of a user.")]
public sealed record PhoneNumber(
    [property: JsonPropertyName("code"), Description("Country calling code, e.g. `+1`.")] string? Code,
    [property: JsonPropertyName("country"), Description("Country id, e.g. `US`.")] string? Country,
    [property: JsonPropertyName("label"), Description("`Mobile`, `Office`, `Home` or `Fax`.")] string? Label,
    [property: JsonPropertyName("number"), Description("The number.")] string? Number,
    [property: JsonPropertyName("verified"), Description("Whether the number is verified (read only).")] bool? Verified = null);
