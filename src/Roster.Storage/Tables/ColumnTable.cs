
namespace Roster.Storage;

/// <summary>
/// One column of a table as the store writes it.
/// </summary>
/// <param name="Name">The column's name in SQL, also the name of its parameter.</param>
/// <param name="Value">Its value from the object, as the database takes it (text, a 64-bit integer or null); null for a column the database fills (an identity).</param>
/// <param name="Updated">Whether an update writes it (not the key, not what never changes).</param>
/// <param name="Selected">Whether a select reads it (not a column kept only for an index).</param>
internal sealed record Column<T>(string Name, Func<T, object?>? Value, bool Updated = true, bool Selected = true);

/// <summary>
/// A table's columns listed once, and the statements built from them: the select list (in the order a positional reader
/// reads it), the insert, the update by key, and the values of one object for those, or for a bulk insert.
/// </summary>
internal sealed class ColumnTable<T>
{
    readonly Column<T>[] _written;

    public ColumnTable(string table, string key, params Column<T>[] columns)
    {
        Table = table;
        _written = columns.Where(c => c.Value is not null).ToArray();
        Written = _written.Select(c => c.Name).ToArray();
        Select = string.Join(", ", columns.Where(c => c.Selected).Select(c => c.Name));
        Insert = $"INSERT INTO {table} ({string.Join(", ", Written)}) VALUES ({string.Join(", ", Written.Select(c => "@" + c))})";
        Update = $"UPDATE {table} SET {string.Join(", ", _written.Where(c => c.Updated).Select(c => $"{c.Name} = @{c.Name}"))} WHERE {key} = @{key}";
    }

    public string Table { get; }
    /// <summary>The columns a select reads, in the table's order.</summary>
    public string Select { get; }
    /// <summary>The columns an insert writes (every one but those the database fills).</summary>
    public IReadOnlyList<string> Written { get; }
    /// <summary>The insert of one row, its parameters named after the columns.</summary>
    public string Insert { get; }
    /// <summary>The update of one row by its key, from the same parameters as <see cref="Insert"/>.</summary>
    public string Update { get; }

    /// <summary>The values an insert or update of <paramref name="row"/> writes, in the order of <see cref="Written"/>.</summary>
    public object?[] ValuesOf(T row)
    {
        var values = new object?[_written.Length];
        for (var i = 0; i < values.Length; i++) values[i] = _written[i].Value!(row);
        return values;
    }

    /// <summary>The arguments of <see cref="Insert"/> or <see cref="Update"/> for <paramref name="row"/>.</summary>
    public ColumnValues ArgsOf(T row) => new(Written, ValuesOf(row));
}
