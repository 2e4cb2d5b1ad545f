namespace Roster.Domain.Auth;

/// <summary>How fast wrong credentials may be tried (see <see cref="GuessThrottle"/>).</summary>
/// <param name="AddressBurst">Failures one address may make at once (across every subject).</param>
/// <param name="AddressRefill">One more failure for the address every this long.</param>
/// <param name="SubjectBurst">Failures one subject (a client id, an e-mail, the sandbox key) may take at once, from all addresses together.</param>
/// <param name="SubjectRefill">One more failure for the subject every this long. Shorter than <paramref name="AddressRefill"/>,
/// so that no single address, at its own limit, can ever empty a subject's bucket.</param>
/// <param name="TrustFor">How long an address where a subject's credential last succeeded keeps passing that subject's limit.</param>
/// <param name="MaxTracked">Most buckets (and trusted pairs) kept in memory; past it, full buckets and stale trust are swept.</param>
public sealed record GuessLimits(
    int AddressBurst = 10,
    TimeSpan? AddressRefill = null,
    int SubjectBurst = 100,
    TimeSpan? SubjectRefill = null,
    TimeSpan? TrustFor = null,
    int MaxTracked = 100_000)
{
    public TimeSpan AddressEvery => AddressRefill ?? TimeSpan.FromSeconds(6);
    public TimeSpan SubjectEvery => SubjectRefill ?? TimeSpan.FromSeconds(2);
    public TimeSpan Trust => TrustFor ?? TimeSpan.FromDays(30);
}
