namespace Roster.Domain.Abstractions;

/// <summary>
/// What a store reports about a write it could not make, in its own terms: a unique key that another row holds
/// (<see cref="Key"/>: <c>email</c>, <c>vanity_name</c>, <c>pmi</c>) for <see cref="Value"/>. The domain turns it into
/// Zoom's error (<see cref="Errors.Fail.From(UniqueKeyConflict)"/>); the store knows no Zoom codes.
/// </summary>
public sealed class UniqueKeyConflict(string key, string value) : Exception($"unique key {key} already holds {value}")
{
    public string Key { get; } = key;
    public string Value { get; } = value;
}
