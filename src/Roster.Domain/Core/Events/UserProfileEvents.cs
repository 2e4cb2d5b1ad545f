
namespace Roster.Domain.Events;

/// <summary><c>user.picture_updated</c>: the user's picture, with its new id (<c>pic_id</c>).</summary>
public sealed record UserPictureUpdated(EventUser Object) : EventPayload, IUserEvent;

/// <summary><c>user.picture_deleted</c>.</summary>
public sealed record UserPictureDeleted(EventUser Object) : EventPayload, IUserEvent;

/// <summary><c>user.presence_status_updated</c>: set through the API, with the new <c>presence_status</c>.</summary>
public sealed record UserPresenceStatusUpdated(EventUser Object) : EventPayload, IUserEvent;
