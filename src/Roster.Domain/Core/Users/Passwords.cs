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

/// <summary>How passwords are hashed on one host (settings <c>Passwords:Iterations</c>, <c>Passwords:MaxWait</c>, <c>Passwords:Concurrency</c>).</summary>
/// <param name="Iterations">PBKDF2-SHA512 rounds of a new hash (a stored hash keeps the rounds it was made with).</param>
/// <param name="MaxWait">Longest wait for a turn before the call is refused with Zoom's 429 (5 s by default).</param>
/// <param name="Concurrency">Hashes computed at once (one per core by default).</param>
public sealed record PasswordHashing(int Iterations = 210_000, TimeSpan? MaxWait = null, int Concurrency = 0);

/// <summary>
/// PBKDF2-SHA512 password hashes with a random salt, in <c>pbkdf2-sha512$iterations$salt$hash</c> form. Each hash or
/// verification costs a few hundred milliseconds of CPU, so the async forms run at most one per core at a time and
/// refuse with Zoom's 429 when the queue would wait longer than <see cref="MaxWait"/>: a burst of password calls
/// slows password calls, never the rest of the API. Callers hash outside any store transaction. One per host: its
/// settings and its queue are the host's own, so two hosts in one process do not share them.
/// </summary>
public sealed class PasswordHasher
{
    readonly SemaphoreSlim _gate;
    long _computations;

    public PasswordHasher(PasswordHashing? options = null)
    {
        options ??= new PasswordHashing();
        Iterations = options.Iterations > 0 ? options.Iterations : throw new ArgumentOutOfRangeException(nameof(options), "Iterations must be positive.");
        MaxWait = options.MaxWait ?? TimeSpan.FromSeconds(5);
        _gate = new SemaphoreSlim(options.Concurrency > 0 ? options.Concurrency : Math.Max(1, Environment.ProcessorCount));
    }

    public int Iterations { get; }
    public TimeSpan MaxWait { get; }

    async Task<T> Bounded<T>(Func<T> work, CancellationToken ct)
    {
        if (!await _gate.WaitAsync(MaxWait, ct))
            throw Fail.PasswordWorkBusy();
        try { return work(); }
        finally { _gate.Release(); }
    }

    public Task<string> HashAsync(string password, CancellationToken ct = default) => Bounded(() => Hash(password), ct);

    public Task<bool> VerifyAsync(string password, string? stored, CancellationToken ct = default)
        => stored is null ? Task.FromResult(false) : Bounded(() => Verify(password, stored), ct);

    /// <summary>How many hashes and verifications this hasher has computed (a metric, and what tests watch).</summary>
    public long Computations => Interlocked.Read(ref _computations);

    public string Hash(string password)
    {
        Interlocked.Increment(ref _computations);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, 32);
        return $"pbkdf2-sha512${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public bool Verify(string password, string? stored)
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
