using Roster.Domain.Errors;

namespace Roster.Domain.Users;

/// <summary>Zoom's basic password policy (reference §3.11) and its error codes 1124–1136.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 32;
    /// <summary>How many earlier passwords may not be reused (code 1129).</summary>
    public const int HistoryDepth = 5;
    const int MaxSequentialRun = 5;

    static readonly HashSet<string> TooEasy = new(StringComparer.OrdinalIgnoreCase)
    {
        "Password1", "Password12", "Password123", "Passw0rd", "P@ssw0rd", "Qwerty123", "Qwerty12", "Welcome1", "Welcome123",
        "Letmein1", "Zoom1234", "Zoomzoom1", "Iloveyou1", "Admin123", "Abcd1234", "Aa123456", "Changeme1", "Football1",
        "Monkey123", "Sunshine1", "Princess1", "Dragon123", "Baseball1", "Master123", "Summer2024", "Winter2024",
    };

    /// <summary>The rules of <see cref="Check"/> in words, for a page to show before the user types.</summary>
    public static readonly IReadOnlyList<string> Rules =
    [
        $"{MinLength} to {MaxLength} characters",
        "at least one letter and one number",
        "both upper and lower case letters",
        $"no more than {MaxSequentialRun} consecutive characters (such as abcdef or 654321), not one character repeated",
        "not a common password such as Password123",
    ];

    /// <summary>Throws the Zoom error for the first rule the password breaks.</summary>
    public static void Check(string password)
    {
        if (password.Length < MinLength) throw Fail.PasswordTooShort(MinLength);
        if (password.Length > MaxLength) throw Fail.PasswordTooLong(MaxLength);
        if (!password.Any(char.IsLetter)) throw Fail.PasswordNeedsLetter();
        if (!password.Any(char.IsDigit)) throw Fail.PasswordNeedsNumber();
        if (!password.Any(char.IsUpper) || !password.Any(char.IsLower))
            throw Fail.PasswordNeedsCases();
        if (password.All(c => c == password[0])) throw Fail.PasswordOneCharacter();
        if (LongestSequentialRun(password) > MaxSequentialRun)
            throw Fail.PasswordConsecutive();
        if (TooEasy.Contains(password)) throw Fail.PasswordTooEasy();
    }

    /// <summary>Length of the longest run of characters that step by +1 or -1 (e.g. <c>abcd</c>, <c>4321</c>).</summary>
    public static int LongestSequentialRun(string s)
    {
        if (s.Length == 0) return 0;
        int best = 1, up = 1, down = 1;
        for (var i = 1; i < s.Length; i++)
        {
            int a = char.ToLowerInvariant(s[i - 1]), b = char.ToLowerInvariant(s[i]);
            up = b == a + 1 ? up + 1 : 1;
            down = b == a - 1 ? down + 1 : 1;
            best = Math.Max(best, Math.Max(up, down));
        }
        return best;
    }
}
