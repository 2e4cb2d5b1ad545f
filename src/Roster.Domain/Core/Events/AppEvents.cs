
namespace Roster.Domain.Events;

/// <summary><c>app.created</c>: a new app (its client id, name, type and scopes).</summary>
public sealed record AppCreated(EventApp Object) : EventPayload;

/// <summary><c>app.secret_rotated</c>: an app's client secret was replaced.</summary>
public sealed record AppSecretRotated(EventApp Object) : EventPayload;
