using System.Globalization;
using Roster.Domain.Auth;

namespace Roster.Server.Auth;

/// <summary>
/// The HTTP side of <see cref="GuessThrottle"/>: the caller's address comes from the connection (never from a header a
/// caller writes), and a refusal carries <c>Retry-After</c>. Every failed client secret, sign-in, sandbox key or
/// invitation token is counted; cheap checks run before any credential (or password hash) is checked.
/// </summary>
public sealed class FailureThrottle(GuessThrottle guesses)
{
    /// <summary>Subjects: what a guess names. A subject's limit never stops an address where its credential succeeded.</summary>
    public static string Client(string clientId) => "client:" + clientId;
    public static string SignIn(string? email) => "signin:" + (email ?? "").Trim().ToLowerInvariant();
    public const string SandboxKey = "sandbox-key";

    static string Address(HttpContext http) => GuessThrottle.AddressOf(http.Connection.RemoteIpAddress);

    /// <summary>
    /// True when a guess of <paramref name="subject"/> from this caller must not be checked now; the response then
    /// carries <c>Retry-After</c> (whole seconds, at least 1).
    /// </summary>
    public bool Blocked(HttpContext http, string? subject = null)
    {
        if (guesses.Refusal(Address(http), subject) is not { } wait) return false;
        http.Response.Headers.RetryAfter = RetryAfter(wait);
        return true;
    }

    /// <summary>Seconds to wait before the next guess, as <c>Retry-After</c> writes them (rounded up, at least 1).</summary>
    static string RetryAfter(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Failed(HttpContext http, string? subject = null) => guesses.Failed(Address(http), subject);

    public void Succeeded(HttpContext http, string? subject) => guesses.Succeeded(Address(http), subject);
}
