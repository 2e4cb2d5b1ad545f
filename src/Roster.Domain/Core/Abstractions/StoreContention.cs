namespace Roster.Domain.Abstractions;

/// <summary>The store gave up on a write that kept conflicting with concurrent ones (its retry budget ran out).</summary>
public sealed class StoreContention() : Exception("the write kept conflicting with concurrent writes");
