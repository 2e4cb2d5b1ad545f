using System.Globalization;
using System.Text;

namespace Roster.Server.Tests;

/// <summary>One sample of Prometheus' text exposition format: a series' name, its labels and its value.</summary>
public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A scrape parsed by the exposition format's grammar (<c># TYPE</c> lines, <c>name{label="value",…} value [timestamp]</c>,
/// escapes in label values), so tests read numbers from their series and never search the text.
/// </summary>
public sealed class Exposition
{
    public IReadOnlyList<Sample> Samples { get; }
    /// <summary>Each metric family's declared type (counter, gauge, histogram …) by its name.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    Exposition(List<Sample> samples, Dictionary<string, string> types) => (Samples, Types) = (samples, types);

    public static Exposition Parse(string text)
    {
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
                if (parts is [_, "TYPE", var family, var type]) types[family] = type;
                else if (parts is ["#", "EOF"]) break;
                continue;
            }
            samples.Add(ParseSample(line));
        }
        return new(samples, types);
    }

    static Sample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' ')) i++;
        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var key = line[i..eq].Trim();
                if (line[eq + 1] != '"') throw new FormatException($"label {key} is not quoted: {line}");
                var value = new StringBuilder();
                var j = eq + 2;
                for (; line[j] != '"'; j++)
                {
                    if (line[j] != '\\') { value.Append(line[j]); continue; }
                    j++;
                    value.Append(line[j] switch { 'n' => '\n', var c => c });
                }
                labels[key] = value.ToString();
                i = j + 1;
                if (line[i] == ',') i++;
            }
            i++;
        }
        var fields = line[i..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var number = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity, "-Inf" => double.NegativeInfinity, "NaN" => double.NaN,
            var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new Sample(name, labels, number);
    }

    /// <summary>The series of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public IEnumerable<Sample> Series(string name, params (string Key, string Value)[] labels)
        => Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    /// <summary>The sum over those series; 0 when there is none (a counter not yet incremented).</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) => Series(name, labels).Sum(s => s.Value);

    /// <summary>The one series of a gauge; fails when there is none or several.</summary>
    public double One(string name, params (string Key, string Value)[] labels) => Assert.Single(Series(name, labels)).Value;
}
