using System.Net;
using Roster.Domain.Auth;

namespace Roster.Domain.Tests;

/// <summary>
/// The failure throttle's rules on a still clock: guessing stays slow per address and bounded per subject, and no
/// number of wrong guesses (from any one address, or from many) stops the owner's right credential where it has been used.
/// </summary>
public class GuessThrottleTests
{
    const string Guesser = "127.0.0.2", Owner = "127.0.0.3", Client = "client:app";

    static (GuessThrottle Throttle, StillClock Clock) New(GuessLimits? limits = null)
    {
        var clock = new StillClock();
        return (new GuessThrottle(clock, limits), clock);
    }

    /// <summary>Fails from <paramref name="address"/> until refused; the number of failures checked.</summary>
    static int FailUntilRefused(GuessThrottle t, string address, string? subject, int most = 10_000)
    {
        var n = 0;
        while (t.Refusal(address, subject) is null && n < most)
        {
            t.Failed(address, subject);
            n++;
        }
        return n;
    }

    [Fact]
    public void AnAddressGetsTenFailuresThenOneEverySixSeconds()
    {
        var (t, clock) = New();
        Assert.Equal(10, FailUntilRefused(t, Guesser, Client));
        Assert.Equal(TimeSpan.FromSeconds(6), t.Refusal(Guesser, Client));
        Assert.Equal(TimeSpan.FromSeconds(6), t.Refusal(Guesser, "client:other")); // the address, whatever it names
        clock.Now += TimeSpan.FromSeconds(3);
        Assert.Equal(TimeSpan.FromSeconds(3), t.Refusal(Guesser, Client));
        clock.Now += TimeSpan.FromSeconds(3);
        Assert.Null(t.Refusal(Guesser, Client));
        t.Failed(Guesser, Client);
        Assert.NotNull(t.Refusal(Guesser, Client)); // one, then wait again
    }

    [Fact]
    public void WrongGuessesFromOneAddressNeverStopTheRightCredentialFromAnother()
    {
        var (t, clock) = New();
        // an hour of guessing at the address's own limit
        for (var second = 0; second < 3600; second += 6)
        {
            FailUntilRefused(t, Guesser, Client);
            clock.Now += TimeSpan.FromSeconds(6);
        }
        FailUntilRefused(t, Guesser, Client);
        Assert.NotNull(t.Refusal(Guesser, Client));
        Assert.Null(t.Refusal(Owner, Client)); // a place the owner never used before
    }

    [Fact]
    public void ASubjectIsBoundedAcrossAddressesButAnAddressWhereItSucceededStillGetsThrough()
    {
        var (t, clock) = New();
        t.Succeeded(Owner, Client);
        // a guesser with many addresses: ten failures from each of ten addresses empty the subject's 100
        var failures = 0;
        for (var i = 1; i <= 20 && t.Refusal("10.0.0." + i, Client) is null; i++) failures += FailUntilRefused(t, "10.0.0." + i, Client);
        Assert.Equal(100, failures);
        Assert.Equal(TimeSpan.FromSeconds(2), t.Refusal("10.0.0.99", Client)); // a fresh address waits for the subject
        Assert.Null(t.Refusal("10.0.0.99", "client:other")); // other subjects are untouched
        Assert.Null(t.Refusal(Owner, Client)); // where the credential succeeded, it still may be tried
        clock.Now += TimeSpan.FromDays(31);
        FailUntilRefused(t, "10.0.1.1", Client); // refilled by now: empty it again with a few more addresses
        for (var i = 2; t.Refusal("10.0.1." + i, Client) is null; i++) FailUntilRefused(t, "10.0.1." + i, Client);
        Assert.NotNull(t.Refusal(Owner, Client)); // trust lasts 30 days from the last success
        Assert.Null(t.Refusal(Owner, null)); // the owner's address itself is not limited
    }

    [Fact]
    public void MemoryStaysBoundedWhateverNamesStrangersSend()
    {
        var (t, clock) = New(new GuessLimits(AddressBurst: 1_000_000, MaxTracked: 100));
        for (var i = 0; i < 1000; i++)
        {
            t.Failed(Guesser, "signin:" + i + "@example.com");
            clock.Now += TimeSpan.FromSeconds(2.5); // each subject bucket refills before the next sweep
        }
        // the address's bucket and at most a sweep's worth of subjects remain: every refilled bucket was forgotten
        Assert.InRange(t.TrackedBuckets, 1, 101);
        for (var i = 0; i < 1000; i++) t.Succeeded("10.1." + (i / 256) + "." + (i % 256), Client);
        Assert.Equal(100, t.TrustedPairs); // full of live trust: no more kept
    }

    [Theory]
    [InlineData("127.0.0.2", "127.0.0.2")]
    [InlineData("::ffff:127.0.0.2", "127.0.0.2")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void AddressesAreKeptByHostForIPv4AndByNetworkForIPv6(string address, string key)
        => Assert.Equal(key, GuessThrottle.AddressOf(IPAddress.Parse(address)));
}
