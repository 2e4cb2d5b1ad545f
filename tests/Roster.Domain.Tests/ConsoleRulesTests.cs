using Roster.Domain.AdminConsole;
using Roster.Domain.Users;

namespace Roster.Domain.Tests;

/// <summary>The console's rules apart from HTTP and SQL: the user list's query (the settings forms: <see cref="ConsoleSettingsFormTests"/>).</summary>
public class ConsoleRulesTests
{
    [Fact]
    public void TheUserListQueryNamesEachBadField()
    {
        Assert.Empty(new UserBrowseQuery().Problems());
        Assert.Empty(new UserBrowseQuery(UserStatuses.Pending, UserTypes.Licensed, Roles.AdminId, " Ada ", 42, 300).Problems());
        Assert.Equal("ada", new UserBrowseQuery(Search: " Ada ").Prefix);
        Assert.Null(new UserBrowseQuery(Search: "   ").Prefix);
        Assert.Equal(["status", "type", "role", "q", "after", "page_size"],
            new UserBrowseQuery("gone", 7, "9", new string('x', 129), -1, 301).Problems().Select(p => p.Field));
        Assert.Equal("q", Assert.Single(new UserBrowseQuery(Search: "a\u0000b").Problems()).Field);
    }
}
