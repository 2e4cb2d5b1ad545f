using System.ComponentModel;

namespace Roster.Domain.Users;

[Description("A custom attribute of a user.")]
public sealed record CustomAttribute(
    [property: JsonPropertyName("key"), Description("Attribute key.")] string? Key,
    [property: JsonPropertyName("name"), Description("Attribute name.")] string? Name,
    [property: JsonPropertyName("value"), Description("Attribute value.")] string? Value);
