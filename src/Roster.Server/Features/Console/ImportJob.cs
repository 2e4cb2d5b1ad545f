using System.Collections.Concurrent;

namespace Roster.Server.AdminConsole;

/// <summary>
/// A bulk import of users from a CSV file, running on this node: each row is added as <c>POST /users</c> adds a user
/// (the same service, rules, quotas and events), one after another, and its progress is read by the import's page.
/// </summary>
public sealed class ImportJob(string id, string accountId, int total)
{
    readonly ConcurrentQueue<ImportFailure> _failures = new();
    int _done, _created;
    volatile bool _finished;

    public string Id { get; } = id;
    public string AccountId { get; } = accountId;
    public int Total { get; } = total;
    public int Done => Volatile.Read(ref _done);
    public int Created => Volatile.Read(ref _created);
    public IReadOnlyList<ImportFailure> Failures => [.. _failures];
    public bool Finished => _finished;
    /// <summary>Why the import stopped before its end (the server stopping), or null.</summary>
    public string? Stopped { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    internal void Succeeded() { Interlocked.Increment(ref _created); Interlocked.Increment(ref _done); }
    internal void Failed(ImportFailure failure) { _failures.Enqueue(failure); Interlocked.Increment(ref _done); }
    internal void Finish(DateTimeOffset at, string? stopped) { Stopped = stopped; FinishedAt = at; _finished = true; }

    /// <summary>
    /// The progress now, for one page: "finished" is read first, so a finished import's counts and refusals are its
    /// final ones, and a page never says finished while it still asks to be followed (or the other way round).
    /// </summary>
    public ImportProgress Progress()
    {
        var finished = _finished;
        return new ImportProgress(Done, Total, Created, [.. _failures], finished, finished ? Stopped : null);
    }
}
