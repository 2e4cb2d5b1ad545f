using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Roster.Domain.Auth;

/// <summary>
/// Slows the guessing of credentials without letting a stranger lock the owner out.
/// <list type="bullet">
/// <item>Per address: each failure from an address takes a token from the address's bucket (10, then one per 6 s); an
/// empty bucket refuses that address only. An address is a place a guesser has to be, not a name it can pick.</item>
/// <item>Per subject (a client id, an e-mail, the sandbox key): every failure, from any address, takes a token from the
/// subject's own, much larger bucket (100, then one per 2 s), bounding a guesser spread over many addresses to
/// 43,200 guesses a day. A subject is a name anyone can type, so its empty bucket refuses only addresses that have not
/// proven the credential there before: an address where the right credential succeeded is trusted for that subject
/// for 30 days and keeps getting through. And since a subject refills three times faster than an address, one
/// address on its own can never empty it.</item>
/// </list>
/// Successes cost nothing. State is the node's memory, read against the given clock (never the sandbox's moved one).
/// </summary>
public sealed class GuessThrottle(TimeProvider clock, GuessLimits? limits = null)
{
    readonly GuessLimits _limits = limits ?? new GuessLimits();
    readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<(string Subject, string Address), DateTimeOffset> _trusted = new();
    long _sweptAt, _trustSweptAt; // ticks of the clock at the last sweep of each: at most one a second, whatever the traffic

    public GuessLimits Limits => _limits;
    /// <summary>Buckets in memory (a bucket that has refilled is forgotten at the next sweep).</summary>
    public int TrackedBuckets => _buckets.Count;
    /// <summary>(subject, address) pairs trusted now or until the next sweep.</summary>
    public int TrustedPairs => _trusted.Count;

    /// <summary>A failure bucket: tokens left at <see cref="At"/>; refills by one every period up to the burst.</summary>
    sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens = tokens;
        public DateTimeOffset At = at;
    }

    /// <summary>
    /// Null when a guess of <paramref name="subject"/> from <paramref name="address"/> may be checked now; otherwise how
    /// long until it may (the caller answers 429 with that <c>Retry-After</c> and checks nothing).
    /// </summary>
    public TimeSpan? Refusal(string address, string? subject)
    {
        var now = clock.GetUtcNow();
        var wait = Wait(AddressKey(address), _limits.AddressBurst, _limits.AddressEvery, now);
        if (wait is not null || string.IsNullOrEmpty(subject)) return wait;
        if (_trusted.TryGetValue((subject, address), out var until) && until > now) return null;
        return Wait(SubjectKey(subject), _limits.SubjectBurst, _limits.SubjectEvery, now);
    }

    /// <summary>A wrong credential for <paramref name="subject"/> (or none: a guess of something unnamed) from <paramref name="address"/>.</summary>
    public void Failed(string address, string? subject)
    {
        var now = clock.GetUtcNow();
        Take(AddressKey(address), _limits.AddressBurst, _limits.AddressEvery, now);
        if (!string.IsNullOrEmpty(subject)) Take(SubjectKey(subject), _limits.SubjectBurst, _limits.SubjectEvery, now);
    }

    /// <summary>The right credential for <paramref name="subject"/> from <paramref name="address"/>: that address passes the subject's limit from now on.</summary>
    public void Succeeded(string address, string? subject)
    {
        if (string.IsNullOrEmpty(subject)) return;
        var now = clock.GetUtcNow();
        if (_trusted.Count >= _limits.MaxTracked)
        {
            if (TakeSweepTurn(ref _trustSweptAt, now))
                foreach (var (pair, until) in _trusted)
                    if (until <= now) _trusted.TryRemove(pair, out _);
            if (_trusted.Count >= _limits.MaxTracked) return; // full of live trust: the newcomer waits its turn like anyone
        }
        _trusted[(subject, address)] = now + _limits.Trust;
    }

    /// <summary>True for the one caller whose turn it is to sweep (the last sweep was over a second ago).</summary>
    static bool TakeSweepTurn(ref long sweptAt, DateTimeOffset now)
    {
        var last = Interlocked.Read(ref sweptAt);
        return now.UtcTicks - last > TimeSpan.TicksPerSecond && Interlocked.CompareExchange(ref sweptAt, now.UtcTicks, last) == last;
    }

    static string AddressKey(string address) => "a:" + address;
    static string SubjectKey(string subject) => "s:" + subject;

    static double Refilled(Bucket b, int burst, TimeSpan every, DateTimeOffset now)
        => Math.Min(burst, b.Tokens + Math.Max(0, (now - b.At).Ticks) / (double)every.Ticks);

    TimeSpan? Wait(string key, int burst, TimeSpan every, DateTimeOffset now)
    {
        if (!_buckets.TryGetValue(key, out var b)) return null; // never failed, or refilled and swept: full
        lock (b)
        {
            var tokens = Refilled(b, burst, every, now);
            return tokens >= 1 ? null : TimeSpan.FromTicks((long)Math.Ceiling((1 - tokens) * every.Ticks));
        }
    }

    void Take(string key, int burst, TimeSpan every, DateTimeOffset now)
    {
        if (_buckets.Count >= _limits.MaxTracked && TakeSweepTurn(ref _sweptAt, now)) Sweep(now);
        var b = _buckets.GetOrAdd(key, _ => new Bucket(burst, now));
        lock (b)
        {
            b.Tokens = Math.Max(0, Refilled(b, burst, every, now) - 1);
            b.At = now;
        }
    }

    /// <summary>Forgets the buckets that have refilled (a missing bucket is a full one), so strangers' names cannot fill memory.</summary>
    void Sweep(DateTimeOffset now)
    {
        foreach (var (key, b) in _buckets)
        {
            var (burst, every) = key[0] == 'a' ? (_limits.AddressBurst, _limits.AddressEvery) : (_limits.SubjectBurst, _limits.SubjectEvery);
            bool full;
            lock (b) full = Refilled(b, burst, every, now) >= burst;
            if (full) _buckets.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// The address a limit is kept for: IPv4 as is (also when it arrives mapped into IPv6), IPv6 by its /64 network,
    /// the smallest block one subscriber is given, so that a guesser cannot step through the addresses of its own block.
    /// </summary>
    public static string AddressOf(IPAddress? address)
    {
        if (address is null) return "local"; // in-process callers (no socket)
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
