using Roster.Domain.Errors;

namespace Roster.Domain.Users;

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
