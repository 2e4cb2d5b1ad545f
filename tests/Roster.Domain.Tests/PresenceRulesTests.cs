using Roster.Domain.Users;

namespace Roster.Domain.Tests;

/// <summary>A user's presence as shown, and the statuses Zoom spells, without HTTP or a store.</summary>
public class PresenceRulesTests
{
    static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PresenceShowsOfflineUntilSetAndADoNotDisturbEndsInAvailable()
    {
        Assert.Equal(new PresenceView("Offline", null, null), PresenceView.Of(null, Now));
        Assert.Equal(new PresenceView("Busy", null, null), PresenceView.Of(new PresenceState("Busy", null, 0), Now));
        var dnd = new PresenceState("Do_Not_Disturb", Now.AddMinutes(30).ToUnixTimeMilliseconds(), Now.ToUnixTimeMilliseconds());
        Assert.Equal(new PresenceView("Do_Not_Disturb", Now.AddMinutes(30), 30), PresenceView.Of(dnd, Now));
        Assert.Equal(30, PresenceView.Of(dnd, Now.AddSeconds(1)).RemainingMinutes); // whole minutes, rounded up
        Assert.Equal(new PresenceView("Available", null, null), PresenceView.Of(dnd, Now.AddMinutes(30)));
    }

    [Theory]
    [InlineData("Do_No_Disturb", "Do_Not_Disturb")]
    [InlineData("Out_of_Office", "Out_of_Office")]
    [InlineData("away", null)]
    [InlineData("Offline", null)]
    [InlineData(null, null)]
    public void PresenceStatusesAreZoomsSpellings(string? given, string? parsed) => Assert.Equal(parsed, PresenceStatuses.Parse(given));
}
