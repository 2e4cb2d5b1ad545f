using System.Text.Json.Serialization;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Users;

namespace Roster.Domain.Events;

/// <summary>An event about a user as a whole (its <c>object</c> is an <see cref="EventUser"/>).</summary>
public interface IUserEvent
{
    EventUser Object { get; }
}

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

/// <summary>An account as an event's <c>object</c> names it: its id, and what the event says of it (written only when set).</summary>
public sealed record EventAccount
{
    public required string Id { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AccountName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? OwnerEmail { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Plan { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Seats { get; init; }

    /// <summary>A new account: its name, owner, plan and seats.</summary>
    public static EventAccount Created(Account account, string ownerEmail)
        => new() { Id = account.Id, AccountName = account.Name, OwnerEmail = ownerEmail, Plan = account.Plan, Seats = account.LicensedSeats };
}

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
