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

/// <summary>
/// PBKDF2-SHA512 password hashes with a random salt, in <c>pbkdf2-sha512$iterations$salt$hash</c> form. Each hash or
/// verification costs a few hundred milliseconds of CPU, so the async forms run at most one per core at a time and
/// refuse with Zoom's 429 when the queue would wait longer than <see cref="MaxWait"/>: a burst of password calls
/// slows password calls, never the rest of the API. Callers hash outside any store transaction.
/// </summary>
public static class PasswordHasher
{
    public static int Iterations { get; set; } = 210_000;
    public static TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(5);
    static readonly SemaphoreSlim Gate = new(Math.Max(1, Environment.ProcessorCount));

    static async Task<T> Bounded<T>(Func<T> work, CancellationToken ct)
    {
        if (!await Gate.WaitAsync(MaxWait, ct))
            throw Fail.PasswordWorkBusy();
        try { return work(); }
        finally { Gate.Release(); }
    }

    public static Task<string> HashAsync(string password, CancellationToken ct = default) => Bounded(() => Hash(password), ct);

    public static Task<bool> VerifyAsync(string password, string? stored, CancellationToken ct = default)
        => stored is null ? Task.FromResult(false) : Bounded(() => Verify(password, stored), ct);

    static long _computations;

    /// <summary>How many hashes and verifications this process has computed (a metric, and what tests watch).</summary>
    public static long Computations => Interlocked.Read(ref _computations);

    public static string Hash(string password)
    {
        Interlocked.Increment(ref _computations);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, 32);
        return $"pbkdf2-sha512${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string? stored)
    {
        if (stored is null) return false;
        Interlocked.Increment(ref _computations);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha512" || !int.TryParse(parts[1], out var iterations)) return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
