
namespace Roster.Storage;

/// <summary>
/// The migrations, one definition for both engines (<c>Migrations/NNNN_name.sql</c>), written in the SQL the two
/// share. SQLite differs in two spellings only, translated here: an identity key
/// (<c>BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY</c> is SQLite's <c>INTEGER PRIMARY KEY AUTOINCREMENT</c>) and
/// <c>BYTEA</c> (SQLite's <c>BLOB</c>); every other type means the same to both (SQLite gives BIGINT its integer
/// affinity). A statement only PostgreSQL has is one line ending in <c>-- postgres only</c>, one only SQLite has ends in
/// <c>-- sqlite only</c> (the two spell JSON paths differently). Adding a migration is adding one file. A migration library would bring a DSL for six short scripts.
/// </summary>
internal static class MigrationScripts
{
    /// <summary>The newest version: the highest numbered file (a new migration is one new file, nothing else).</summary>
    public static readonly int Latest = typeof(MigrationScripts).Assembly.GetManifestResourceNames()
        .Select(n => System.Text.RegularExpressions.Regex.Match(n, @"\.Migrations\.(\d{4})_"))
        .Where(m => m.Success).Max(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    public static string Load(string engine, int version)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.Contains($".Migrations.{version:D4}_", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        var sql = new StreamReader(stream).ReadToEnd();
        return engine == "Sqlite" ? ForSqlite(sql) : ForPostgres(sql);
    }

    static string Without(string sql, string marker) => string.Join('\n', sql.Split('\n').Where(l => !l.TrimEnd().EndsWith(marker, StringComparison.Ordinal)));

    /// <summary>A line ending in <c>-- sqlite only</c> is left out for PostgreSQL.</summary>
    public static string ForPostgres(string sql) => Without(sql, "-- sqlite only");

    /// <summary>A line ending in <c>-- postgres only</c> is left out for SQLite (what only PostgreSQL has, such as unlogged tables).</summary>
    public static string ForSqlite(string sql) => Without(sql, "-- postgres only")
        .Replace("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "INTEGER PRIMARY KEY AUTOINCREMENT", StringComparison.Ordinal)
        .Replace("BYTEA", "BLOB", StringComparison.Ordinal);
}
