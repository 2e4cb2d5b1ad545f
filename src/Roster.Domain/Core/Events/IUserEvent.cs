namespace Roster.Domain.Events;

/// <summary>An event about a user as a whole (its <c>object</c> is an <see cref="EventUser"/>).</summary>
public interface IUserEvent
{
    EventUser Object { get; }
}
