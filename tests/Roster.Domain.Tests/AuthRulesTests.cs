using System.Security.Cryptography;
using Roster.Domain.Auth;
using Roster.Domain.Errors;

namespace Roster.Domain.Tests;

public class ScopeCoverageTests
{
    static IReadOnlySet<string> Held(params string[] scopes) => scopes.ToHashSet();

    [Theory]
    [InlineData("user:read:admin", "user:read:admin", true)]
    [InlineData("user:read:user:admin", "user:read:admin", true)]       // granular form of a held classic scope
    [InlineData("user:read", "user:read:admin", true)]                  // the user-level form reaches less
    [InlineData("user:write", "user:read:admin", false)]
    [InlineData("user:write:admin", "user:read:admin", false)]
    [InlineData("account:master", "user:write:admin", false)]
    [InlineData("user:master", "user:write:admin", false)]
    [InlineData("user:read:list_users:master", "user:read:admin", true)]
    [InlineData("no:such:scope", "user:read:admin", false)]
    public void AScopeIsWithinWhatGrantsTheSameCalls(string scope, string held, bool within)
        => Assert.Equal(within, ScopeCoverage.IsWithin(scope, Held(held)));

    [Fact]
    public void RefusalNamesTheScopesBeyondTheCaller()
    {
        var caller = new Caller("a", "u", "c", Held("user:write:admin"));
        var e = Assert.Throws<ZoomException>(() => ScopeCoverage.RequireWithin(["user:write:admin", "account:master"], caller));
        Assert.Equal(4711, e.Error.Code);
        Assert.Contains("account:master", e.Error.Message);
        Assert.DoesNotContain("user:write:admin,", e.Error.Message);
    }

    [Fact]
    public void UserLevelTokensNeverPassAnAdminOnlyRule()
    {
        var userLevel = new Caller("a", "u", "c", Held("user:write:admin", "user:read:admin"), UserLevel: true);
        Assert.Equal(4711, Assert.Throws<ZoomException>(() => Operations.RosterCreateApp.AuthorizeAdmin(userLevel)).Error.Code);
        Operations.RosterCreateApp.AuthorizeAdmin(userLevel with { UserLevel = false });
    }
}

public class SecretBoxTests
{
    [Fact]
    public void SealedValuesOpenOnlyWithTheirKey()
    {
        var box = new SecretBox(RandomNumberGenerator.GetBytes(32));
        var sealedValue = box.Seal("the signing key");
        Assert.StartsWith("aesgcm1:", sealedValue);
        Assert.DoesNotContain("signing", sealedValue);
        Assert.NotEqual(sealedValue, box.Seal("the signing key")); // a fresh nonce each time
        Assert.Equal("the signing key", box.Open(sealedValue));
        Assert.Throws<InvalidOperationException>(() => new SecretBox(RandomNumberGenerator.GetBytes(32)).Open(sealedValue));
        Assert.Throws<InvalidOperationException>(() => new SecretBox(null).Open(sealedValue));
        var tampered = sealedValue[..^4] + (sealedValue[^4] == 'A' ? "B" : "A") + sealedValue[^3..];
        Assert.Throws<InvalidOperationException>(() => box.Open(tampered));
    }

    [Fact]
    public void WithoutAKeyValuesStayAsGivenAndBadKeysAreRefused()
    {
        var clear = SecretBox.FromSetting(null);
        Assert.False(clear.Encrypts);
        Assert.Equal("plain", clear.Seal("plain"));
        Assert.Equal("plain", clear.Open("plain"));
        Assert.Throws<ArgumentException>(() => SecretBox.FromSetting("not base64!"));
        Assert.Throws<ArgumentException>(() => SecretBox.FromSetting(Convert.ToBase64String(new byte[16])));
    }
}
