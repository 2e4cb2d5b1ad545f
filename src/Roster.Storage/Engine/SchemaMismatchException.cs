
namespace Roster.Storage;

/// <summary>The store's schema is not the one this build serves; the node must not start.</summary>
public sealed class SchemaMismatchException(string message) : Exception(message);
