using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>Reads a row's columns by position, one after the other, with typed getters (no boxed values, no lookups by name).</summary>
internal struct RowCursor(DbDataReader row)
{
    int _next;

    /// <summary>The position of the next column, and moves past it.</summary>
    public int Next() => _next++;
    public long Long() => row.GetInt64(_next++);
    public string Text() => row.GetString(_next++);
    public string? TextOrNull() => row.IsDBNull(_next) ? Skip<string>() : row.GetString(_next++);
    public DateTimeOffset Time() => At(row.GetInt64(_next++));
    public DateTimeOffset? TimeOrNull() => row.IsDBNull(_next) ? Skip<DateTimeOffset?>() : At(row.GetInt64(_next++));

    T? Skip<T>()
    {
        _next++;
        return default;
    }
}
