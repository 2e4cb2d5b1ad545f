namespace Roster.Domain.Events;

/// <summary>A group's settings (or lock settings) as their events carry them: <c>{id, settings{…changed leaves}}</c>.</summary>
public sealed record EventGroupSettings(string Id, JsonObject Settings);

/// <summary><c>group.settings_updated</c>: the leaves that changed and, in <c>old_object</c>, what they were.</summary>
public sealed record GroupSettingsUpdated(EventGroupSettings Object, EventGroupSettings OldObject) : EventPayload;

/// <summary><c>group.lock_settings_updated</c>: the lock leaves that changed and, in <c>old_object</c>, what they were.</summary>
public sealed record GroupLockSettingsUpdated(EventGroupSettings Object, EventGroupSettings OldObject) : EventPayload;
