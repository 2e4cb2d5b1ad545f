
namespace Roster.Storage;

/// <summary>A read run without a transaction reached its second statement: it must run again inside a snapshot.</summary>
internal sealed class SnapshotNeeded() : Exception("a read of more than one statement needs a snapshot");
