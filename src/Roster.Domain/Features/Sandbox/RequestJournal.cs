using System.Text.RegularExpressions;
using Roster.Domain.Events;

namespace Roster.Domain.Sandbox;

/// <summary>
/// The request journal of this node: the last <see cref="Capacity"/> requests, oldest dropped first, bodies cut at
/// <see cref="MaxBodyChars"/>. Kept in memory, emptied when the state is replaced (reset, restore).
/// </summary>
public sealed class RequestJournal(int capacity, int maxBodyChars) : IFollowsStore
{
    public int Capacity { get; } = Math.Max(1, capacity);
    public int MaxBodyChars { get; } = Math.Max(0, maxBodyChars);

    readonly JournalRing _entries = new(Math.Max(1, capacity));
    readonly Lock _gate = new();
    long _lastId;

    /// <summary>Adds an entry, giving it the next id, and drops the oldest beyond the capacity; returns the id.</summary>
    public long Add(JournalEntry entry)
    {
        var bytes = JournalEntryBytes.Encode(entry); // outside the lock; only the id is set inside it
        lock (_gate)
        {
            var id = ++_lastId;
            JournalEntryBytes.SetId(bytes, id);
            _entries.Add(bytes);
            return id;
        }
    }

    /// <summary>Entries matching <paramref name="filter"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<JournalEntry> Find(JournalFilter filter, int limit)
    {
        var path = PathPattern(filter.Path);
        return Snapshot().Where(e => Matches(e, filter, path)).Take(limit).ToList();
    }

    /// <summary>How many entries match <paramref name="filter"/> (what a verify call counts).</summary>
    public int Count(JournalFilter filter)
    {
        var path = PathPattern(filter.Path);
        return Snapshot().Count(e => Matches(e, filter, path));
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }

    ValueTask IFollowsStore.ForgetAsync(CancellationToken ct)
    {
        Clear();
        return ValueTask.CompletedTask;
    }

    JournalEntry[] Snapshot()
    {
        lock (_gate) return _entries.Entries().Select(b => JournalEntryBytes.Read(b.Span)).ToArray();
    }

    static Regex? PathPattern(string? path) => path is null ? null : FaultRules.Validate(new FaultSpec(FaultKind.Drop, Path: path));

    static bool Matches(JournalEntry e, JournalFilter f, Regex? path)
    {
        if (f.After is { } after && e.Id <= after) return false;
        if (f.Operation is not null && !string.Equals(f.Operation, e.Operation, StringComparison.Ordinal)) return false;
        if (f.Method is not null && !string.Equals(f.Method, e.Method, StringComparison.OrdinalIgnoreCase)) return false;
        if (path is not null && !path.IsMatch(e.Path)) return false;
        if (f.Status is { } status && e.Status != status) return false;
        if (f.Code is { } code && e.Code != code) return false;
        if (f.AccountId is not null && !string.Equals(f.AccountId, e.AccountId, StringComparison.Ordinal)) return false;
        if (f.UserId is not null && !string.Equals(f.UserId, e.UserId, StringComparison.OrdinalIgnoreCase)) return false;
        if (f.Since is { } since && e.At < since) return false;
        if (f.Until is { } until && e.At > until) return false;
        if (f.Faulted is { } faulted && faulted != (e.Fault is not null)) return false;
        if (f.Body is not null)
        {
            JsonNode? body;
            try
            {
                body = e.RequestBody is null ? null : JsonNode.Parse(e.RequestBody);
            }
            catch (Exception x) when (x is JsonException or ArgumentException or InvalidOperationException)
            {
                return false;
            }
            if (!Contains(body, f.Body)) return false;
        }
        return true;
    }

    /// <summary>Whether <paramref name="actual"/> holds everything <paramref name="expected"/> names, with equal values.</summary>
    public static bool Contains(JsonNode? actual, JsonNode? expected)
    {
        if (expected is JsonObject wanted)
        {
            if (actual is not JsonObject have) return false;
            foreach (var (name, value) in wanted)
                if (!have.TryGetPropertyValue(name, out var got) || !Contains(got, value)) return false;
            return true;
        }
        return JsonNode.DeepEquals(actual, expected);
    }
}
