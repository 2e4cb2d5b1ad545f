using Roster.Domain.Users;

namespace Roster.Domain.Tests;

/// <summary>What client sign-ins do to a user's presence (issue 27): signed in to a client reads Available, never Offline.</summary>
public class ClientPresenceTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    static string Shown(UserProfile profile) => PresenceView.Of(profile.Presence, Now).Status;

    [Fact]
    public void ADesktopSignInMakesAUserSignedInNowhereAvailable()
    {
        var profile = new UserProfile();
        Assert.Equal(PresenceStatuses.Offline, Shown(profile));
        Assert.True(ClientPresence.SignedIn(profile, "mac"));
        Assert.Equal(PresenceStatuses.Available, Shown(profile));
    }

    [Fact]
    public void ABrowserHoldsNoPresence()
    {
        var profile = new UserProfile();
        Assert.False(ClientPresence.SignedIn(profile, ClientPresence.Browser));
        Assert.Equal(PresenceStatuses.Offline, Shown(profile));
        Assert.False(ClientPresence.SignedOut(profile, ClientPresence.Browser));
        Assert.Null(profile.SignedInClients);
    }

    [Fact]
    public void ASetStatusStandsUntilTheLastClientSignsOut()
    {
        var profile = new UserProfile();
        ClientPresence.SignedIn(profile, "mac");
        var setAt = Now.ToUnixTimeMilliseconds();
        profile.Presence = new PresenceState("Away", null, setAt);
        Assert.True(ClientPresence.SignedIn(profile, "iphone")); // a second client keeps the status
        Assert.False(ClientPresence.SignedIn(profile, "mac")); // signing in again to the same client changes nothing
        Assert.Equal("Away", Shown(profile));
        Assert.True(ClientPresence.SignedOut(profile, "mac"));
        Assert.Equal("Away", Shown(profile));
        Assert.Equal(["iphone"], profile.SignedInClients!);
        Assert.False(ClientPresence.SignedOut(profile, "win")); // not signed in there
        Assert.True(ClientPresence.SignedOut(profile, "iphone"));
        Assert.Equal(PresenceStatuses.Offline, Shown(profile));
        Assert.Null(profile.SignedInClients);
        // neither spends the once-a-minute quota of PUT presence_status: the time of the last PUT stays
        Assert.Equal(setAt, profile.Presence!.SetAt);
        ClientPresence.SignedIn(profile, "win");
        Assert.Equal(PresenceStatuses.Available, Shown(profile));
        Assert.Equal(setAt, profile.Presence!.SetAt);
    }
}
