using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Roster.Domain.Users;

/// <summary>Field rules for user profiles (reference §3.7, §3.22): lengths, formats, PMI, vanity names, host keys.</summary>
public static partial class ProfileRules
{
    public const int MaxEmail = 128;
    public const int MaxName = 64;

    public static bool IsEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxEmail || value.Contains(' ')) return false;
        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@') || value.IndexOf('.', at) < 0 || value.EndsWith('.')) return false;
        return MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
    }

    /// <summary>Names: at most 64 characters, and at most 5 Chinese characters (display name: 10).</summary>
    public static bool IsName(string? value, int maxChinese = 5)
        => value is null || (value.Length <= MaxName && value.Count(IsCjk) <= maxChinese);

    static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    public static bool IsTimezone(string value)
        => value.Length == 0 || (TimeZoneInfo.TryFindSystemTimeZoneById(value, out var tz) && tz.HasIanaId);

    public static bool IsLanguage(string value)
    {
        if (value.Length == 0) return true;
        try { return !CultureInfo.GetCultureInfo(value, predefinedOnly: true).Equals(CultureInfo.InvariantCulture); }
        catch (CultureNotFoundException) { return false; }
    }

    [GeneratedRegex("^[0-9]{6,10}$")] private static partial Regex HostKeyRegex();
    public static bool IsHostKey(string value) => HostKeyRegex().IsMatch(value);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9.]{4,39}$")] private static partial Regex VanityRegex();
    static readonly HashSet<string> CommonVanityNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "administrator", "support", "zoom", "meeting", "meetings", "webinar", "official", "sales", "service", "help",
    };
    /// <summary>Personal link name: 5–40 characters, starts with a letter, letters, digits and dots only, not a common word.</summary>
    public static bool IsVanityName(string value) => VanityRegex().IsMatch(value) && !CommonVanityNames.Contains(value);

    static readonly string[] TollFreePrefixes =
        ["800", "400", "888", "887", "877", "866", "855", "850", "803", "804", "807", "808", "809", "660", "508", "900", "200", "300", "500", "600", "700"];

    /// <summary>Zoom's personal meeting ID rules (reference §3.22).</summary>
    public static bool IsPmi(long pmi)
    {
        var s = pmi.ToString(CultureInfo.InvariantCulture);
        if (s.Length != 10 || s[0] is '0' or '1') return false;
        if (TollFreePrefixes.Any(p => s.StartsWith(p, StringComparison.Ordinal))) return false;
        // triple repetition of a 3-digit group at the start or the end, e.g. 247247247x / x247247247
        if (s[..3] == s[3..6] && s[3..6] == s[6..9]) return false;
        if (s[1..4] == s[4..7] && s[4..7] == s[7..10]) return false;
        // three groups of repeated digits like 222 444 777x / x222 444 777
        static bool Triples(string t) => t[0] == t[1] && t[1] == t[2] && t[3] == t[4] && t[4] == t[5] && t[6] == t[7] && t[7] == t[8];
        if (Triples(s[..9]) || Triples(s[1..])) return false;
        // 8 identical digits anywhere
        if (s.GroupBy(c => c).Any(g => g.Count() >= 8)) return false;
        // the same digit 5 or more times in a row
        for (int i = 0, run = 1; i < s.Length - 1; i++)
        {
            run = s[i] == s[i + 1] ? run + 1 : 1;
            if (run >= 5) return false;
        }
        // sequential runs such as 123456789x
        if (PasswordPolicy.LongestSequentialRun(s) >= 9) return false;
        return true;
    }

    /// <summary>A random PMI that passes <see cref="IsPmi"/>.</summary>
    public static long NewPmi()
    {
        while (true)
        {
            var candidate = RandomNumberGenerator.GetInt32(200_000_000, 1_000_000_000) * 10L + RandomNumberGenerator.GetInt32(0, 10);
            if (IsPmi(candidate)) return candidate;
        }
    }

    public static bool HasHtml(string value) => value.Contains('<') || value.Contains("http://", StringComparison.OrdinalIgnoreCase)
        || value.Contains("https://", StringComparison.OrdinalIgnoreCase);

    public static readonly string[] PhoneLabels = ["Mobile", "Office", "Home", "Fax"];

    public static readonly long[] ZoomOneTypes =
    [
        0, 4, 8, 16, 32, 64, 128, 33554432, 134217728, 268435456, 536870912, 1073741824, 4398046511104, 4294967296, 8589934592,
        17179869184, 34359738368, 68719476736, 137438953472, 274877906944, 549755813888, 1099511627776, 2199023255552,
        18014398509481984, 72057594037927940, 144115188075855870, 576460752303423500,
    ];

    public static readonly string[] PlanUnitedTypes =
    [
        "1", "2", "4", "8", "16", "32", "64", "128", "256", "512", "1024", "2048", "4096", "8192", "16384", "32768", "65536", "131072",
    ];

    public static readonly string[] LicenseTypes = ["MEETING", "ZOOM_WORKPLACE_BUNDLE"];
}
