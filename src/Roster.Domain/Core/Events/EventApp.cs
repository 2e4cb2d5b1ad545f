using Roster.Domain.Auth;

namespace Roster.Domain.Events;

/// <summary>An app as an event's <c>object</c> names it: its client id, and what the event says of it (written only when set).</summary>
public sealed record EventApp
{
    public required string ClientId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Type { get; init; }
    /// <summary>The app's scopes, separated by spaces.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Scopes { get; init; }

    public static EventApp Created(OAuthApp app) => new() { ClientId = app.ClientId, Name = app.Name, Type = app.Type, Scopes = string.Join(' ', app.Scopes) };
}
