using Roster.Domain.Accounts;
using Roster.Domain.Errors;

namespace Roster.Domain.Tests;

/// <summary>A sub account's options changed by what is given, without HTTP or a store.</summary>
public class SubAccountOptionsRulesTests
{
    [Fact]
    public void SubAccountOptionsChangeOnlyWhatIsGivenAndListConnectorsOnlyWhileShared()
    {
        var shared = new SubAccountOptions { ShareMc = true, MeetingConnectorList = ["10.0.0.1", "::1"] }.ApplyTo(AccountOptions.Default);
        Assert.Equal(AccountOptions.Default with { ShareMc = true, MeetingConnectors = "10.0.0.1,::1" }, shared);
        Assert.Equal(shared with { PayMode = "sub" }, new SubAccountOptions { PayMode = "sub" }.ApplyTo(shared));
        Assert.Equal(AccountOptions.Default, new SubAccountOptions { ShareMc = false }.ApplyTo(shared)); // unsharing empties the list
        foreach (var bad in new[]
        {
            new SubAccountOptions { PayMode = "both" },
            new SubAccountOptions { RoomConnectorList = ["10.0.0.1"] },
            new SubAccountOptions { ShareRc = true, RoomConnectorList = ["10.0.0"] },
        })
            Assert.Equal(300, Assert.Throws<ZoomException>(() => bad.ApplyTo(AccountOptions.Default)).Error.Code);
    }
}
