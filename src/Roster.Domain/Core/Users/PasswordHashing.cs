namespace Roster.Domain.Users;

/// <summary>How passwords are hashed on one host (settings <c>Passwords:Iterations</c>, <c>Passwords:MaxWait</c>, <c>Passwords:Concurrency</c>).</summary>
/// <param name="Iterations">PBKDF2-SHA512 rounds of a new hash (a stored hash keeps the rounds it was made with).</param>
/// <param name="MaxWait">Longest wait for a turn before the call is refused with Zoom's 429 (5 s by default).</param>
/// <param name="Concurrency">Hashes computed at once (one per core by default).</param>
public sealed record PasswordHashing(int Iterations = 210_000, TimeSpan? MaxWait = null, int Concurrency = 0);
