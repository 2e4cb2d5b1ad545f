using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Roster.Cli;

/// <summary>
/// How every command prints: <c>--json</c> as JSON with the API's times, off a terminal tab-separated columns (a header,
/// then one line per row: what <c>cut</c>, <c>awk</c> and spreadsheets read), on a terminal a table that never breaks
/// an id, e-mail or URL.
/// </summary>
public static partial class Cli
{
    /// <summary>JSON as the commands print it: indented, nulls left out, times as the API writes them.</summary>
    internal static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = { new ApiTimeConverter() },
    };

    static IAnsiConsole Console(CliEnvironment env) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(env.Out),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    /// <summary><paramref name="value"/> as JSON with <c>--json</c>, else its rows (<see cref="Rows"/>).</summary>
    static void Print<T>(ParseResult p, CliEnvironment env, T value, string[] columns, IEnumerable<string?[]> rows)
    {
        if (p.GetValue(Json)) env.Out.WriteLine(JsonSerializer.Serialize(value, Indented));
        else Rows(env, columns, rows);
    }

    /// <summary>
    /// Off a terminal: the header and one line per row, cells split by tabs (a tab or line break inside a cell becomes a
    /// space), nothing wrapped or cut. On a terminal: a table in which a column whose cells have no spaces (ids, e-mails,
    /// URLs, times, states) never wraps; only free text wraps, and when even that does not make the table fit, the table
    /// is drawn wider than the terminal rather than an id cut.
    /// </summary>
    internal static void Rows(CliEnvironment env, string[] columns, IEnumerable<string?[]> rows)
    {
        var cells = rows.Select(r => r.Select(c => c ?? "").ToArray()).ToList();
        if (!env.OutIsTerminal)
        {
            static string Cell(string c) => c.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
            env.Out.WriteLine(string.Join('\t', columns));
            foreach (var r in cells) env.Out.WriteLine(string.Join('\t', r.Select(Cell)));
            return;
        }
        var table = new Table().Border(TableBorder.Simple);
        for (var i = 0; i < columns.Length; i++)
        {
            var column = new TableColumn(columns[i]);
            if (!cells.Any(r => i < r.Length && r[i].Contains(' '))) column.NoWrap();
            table.AddColumn(column);
        }
        foreach (var r in cells) table.AddRow(r.Select(Markup.Escape).ToArray());
        var console = Console(env);
        // Spectre cuts a table that cannot fit to "…": widen the page to the narrowest the unbreakable columns allow
        var narrowest = ((IRenderable)table).Measure(RenderOptions.Create(console, console.Profile.Capabilities), int.MaxValue).Min;
        console.Profile.Width = Math.Max(console.Profile.Width, narrowest);
        console.Write(table);
    }

    /// <summary>A time as the API writes it: UTC, <c>2026-03-01T09:30:00Z</c> (milliseconds only when it has them).</summary>
    internal static string Time(DateTimeOffset t)
        => t.UtcDateTime.ToString(t.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static string? Time(DateTimeOffset? t) => t is { } v ? Time(v) : null;

    /// <summary><c>1 user</c>, <c>2 users</c>.</summary>
    internal static string Count(long n, string one, string? many = null)
        => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many ?? one + "s");
}

/// <summary>Writes times as the API does (<see cref="Cli.Time(DateTimeOffset)"/>), not .NET's <c>+00:00</c>.</summary>
internal sealed class ApiTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(Cli.Time(value));
}
