using System.Text.Json.Serialization;

namespace Roster.Domain.Events;

/// <summary>A group as its events carry it: <c>{id, name}</c> (<c>name</c> left out where only the id is said).</summary>
public sealed record EventGroup
{
    public required string Id { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; init; }
}

/// <summary><c>group.created</c>: the new group.</summary>
public sealed record GroupCreated(EventGroup Object) : EventPayload;

/// <summary><c>group.updated</c>: the group's new name and, in <c>old_object</c>, the previous one.</summary>
public sealed record GroupUpdated(EventGroup Object, EventGroup OldObject) : EventPayload;

/// <summary><c>group.deleted</c>: the group as it was.</summary>
public sealed record GroupDeleted(EventGroup Object) : EventPayload;
