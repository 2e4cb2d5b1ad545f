using Roster.Domain.Abstractions;
using Roster.Domain.Users;

namespace Roster.Domain.Tests;

/// <summary>The users summary counted from the list totals, without HTTP or a store.</summary>
public class UsersSummaryRulesTests
{
    [Fact]
    public void TheSummaryCountsJoinedUsersByTypeAndPendingOnesApart()
    {
        var s = UsersSummary.Of([
            new UserTally("active", 2, 5), new UserTally("inactive", 2, 1), new UserTally("pending", 2, 3),
            new UserTally("active", 1, 7), new UserTally("active", 3, 2), new UserTally("active", 4, 4), new UserTally("active", 99, 1),
        ]);
        Assert.Equal(new UsersSummary(Licensed: 6, Basic: 7, OnPrem: 2, Room: 0, Pending: 3, JoinOnly: 4, Total: 23), s);
    }
}
