using Roster.Domain.Auth;

namespace Roster.Domain.Events;

/// <summary>Who made a change: a user through an app, or a user on a page (no app), or Roster itself.</summary>
public sealed record Operator(string? UserId, string? ClientId)
{
    public static Operator Of(Caller caller) => new(caller.UserId, caller.ClientId);
    public static Operator User(string userId) => new(userId, null);
    public static readonly Operator System = new(null, null);
}
