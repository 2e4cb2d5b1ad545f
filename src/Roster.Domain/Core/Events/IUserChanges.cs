namespace Roster.Domain.Events;

/// <summary>
/// An event that records which of a user's fields changed: <c>object</c> holds the new values of the changed fields
/// and the user's id, <c>old_object</c> the previous values (<see cref="Changes.UserDiff"/>).
/// </summary>
public interface IUserChanges
{
    JsonObject Object { get; }
    JsonObject OldObject { get; }
}
