using System.Globalization;
using Roster.Domain.Abstractions;

namespace Roster.Domain.Webhooks;

/// <summary>
/// JSON written exactly as JavaScript's <c>JSON.stringify</c> writes it, so a webhook body's bytes equal
/// <c>JSON.stringify(JSON.parse(body))</c> — what Zoom's own receiver (Rivet) signs and checks. Compact; strings
/// escape only <c>"</c>, <c>\</c>, U+0000–U+001F (<c>\b \f \n \r \t</c>, else lowercase <c>\u00xx</c>) and lone
/// surrogates (lowercase <c>\udxxx</c>), everything else raw UTF-8; numbers as JavaScript prints a double; object
/// members in JavaScript's order (integer-like keys first, ascending, then the rest as written).
/// </summary>
public static class CanonicalJson
{
    /// <summary>The UTF-8 bytes (lone surrogates are escaped, so the text is always well-formed).</summary>
    public static byte[] Serialize(JsonNode? node) => Encoding.UTF8.GetBytes(ToText(node));

    public static string ToText(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    static void Write(JsonNode? node, StringBuilder to)
    {
        switch (node)
        {
            case null:
                to.Append("null");
                break;
            case JsonObject o:
                to.Append('{');
                var first = true;
                foreach (var (name, value) in Ordered(o))
                {
                    if (!first) to.Append(',');
                    first = false;
                    String(name, to);
                    to.Append(':');
                    Write(value, to);
                }
                to.Append('}');
                break;
            case JsonArray a:
                to.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) to.Append(',');
                    Write(a[i], to);
                }
                to.Append(']');
                break;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String:
                        String(v.GetValue<string>(), to);
                        break;
                    case JsonValueKind.Number:
                        to.Append(Number(double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)));
                        break;
                    case JsonValueKind.True:
                        to.Append("true");
                        break;
                    case JsonValueKind.False:
                        to.Append("false");
                        break;
                    default:
                        to.Append("null");
                        break;
                }
                break;
        }
    }

    /// <summary>JavaScript's property order: array-index keys ascending first, then the others in insertion order.</summary>
    static IEnumerable<KeyValuePair<string, JsonNode?>> Ordered(JsonObject o)
    {
        var indices = o.Where(p => IsArrayIndex(p.Key)).OrderBy(p => uint.Parse(p.Key, CultureInfo.InvariantCulture));
        return indices.Concat(o.Where(p => !IsArrayIndex(p.Key)));
    }

    static bool IsArrayIndex(string key)
        => key.Length is > 0 and <= 10 && key.All(char.IsAsciiDigit) && (key == "0" || key[0] != '0')
           && uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < uint.MaxValue;

    static void String(string s, StringBuilder to)
    {
        to.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': to.Append("\\\""); break;
                case '\\': to.Append("\\\\"); break;
                case '\b': to.Append("\\b"); break;
                case '\f': to.Append("\\f"); break;
                case '\n': to.Append("\\n"); break;
                case '\r': to.Append("\\r"); break;
                case '\t': to.Append("\\t"); break;
                default:
                    if (c < 0x20) to.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        to.Append(c).Append(s[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c)) to.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else to.Append(c);
                    break;
            }
        }
        to.Append('"');
    }

    /// <summary>ECMAScript's Number::toString for a finite double: the shortest digits that read back, placed as JavaScript places them.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value)) return "null";
        if (value == 0) return "0"; // also -0
        var negative = value < 0;
        // the shortest digits that read back (.NET's "R" gives them, as JavaScript does), then JavaScript's placement
        var (digits, n) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        var k = digits.Length;
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (k <= n && n <= 21) sb.Append(digits).Append('0', n - k);
        else if (0 < n && n <= 21) sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        else if (-6 < n && n <= 0) sb.Append("0.").Append('0', -n).Append(digits);
        else
        {
            var e = n - 1;
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            sb.Append('e').Append(e >= 0 ? '+' : '-').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>"1.2345E+21", "0.00012", "123" → significant digits without leading/trailing zeros, and n (value = 0.digits × 10^n).</summary>
    static (string Digits, int N) Decompose(string shortest)
    {
        var exp = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        if (e >= 0) exp = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? "" : mantissa[(dot + 1)..];
        var all = intPart + fracPart;
        var pointAt = intPart.Length + exp; // the decimal point sits after this many characters of `all`
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        all = all[lead..];
        pointAt -= lead;
        all = all.TrimEnd('0');
        if (all.Length == 0) all = "0";
        return (all, pointAt);
    }
}
