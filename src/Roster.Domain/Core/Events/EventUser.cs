using Roster.Domain.Users;

namespace Roster.Domain.Events;

/// <summary>
/// A user as an event's <c>object</c> names it (id, e-mail, names, type: what Zoom's webhooks carry), with what the
/// event adds about it; the additions are written only when set, in this order.
/// </summary>
public sealed record EventUser
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string? FirstName { get; init; }
    public required string? LastName { get; init; }
    public required int Type { get; init; }
    /// <summary>Where a sign-in happened: <c>invitation</c>, <c>oauth</c> or <c>client</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SignInType { get; init; }
    /// <summary>The app an OAuth sign-in was for.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ClientId { get; init; }
    /// <summary>The client a sign-in or out acted out by the sandbox was at, its version and the login type.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ClientType { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Version { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? LoginType { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PicId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PresenceStatus { get; init; }
    /// <summary>The assistants added or removed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Assistants { get; init; }
    /// <summary>The schedulers removed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Schedulers { get; init; }

    public static EventUser Of(User user) => new()
    {
        Id = user.Id, Email = user.Email, FirstName = user.Profile.FirstName, LastName = user.Profile.LastName, Type = user.Type,
    };
}
