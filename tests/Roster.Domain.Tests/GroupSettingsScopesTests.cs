using System.Text.RegularExpressions;
using Roster.Domain.Auth;
using Roster.Domain.Groups;

namespace Roster.Domain.Tests;

/// <summary>The Server-to-Server app Roster makes holds the group settings' scopes, and migration 0017 gives apps made before exactly the same.</summary>
public class GroupSettingsScopesTests
{
    static string Migration()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Roster.slnx"))) dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir!.FullName, "src", "Roster.Storage", "Migrations", "0017_group_settings.sql"));
    }

    [Fact]
    public void TheMigrationGivesOldAppsTheScopesNewAppsGet()
    {
        var added = Regex.Match(Migration(), @"SET scopes = scopes \|\| ' ([^']+)'").Groups[1].Value.Split(' ');
        Assert.Equal(GroupSettingsOperations.AppScopes, added);
        Assert.Equal(added, Operations.AllAdminScopes.TakeLast(added.Length));
        var held = Operations.AllAdminScopes.ToHashSet(StringComparer.Ordinal);
        Assert.All(GroupSettingsOperations.All, op => Assert.Contains(op.AdminScopes, held.Contains));
        // each operation's granular scope allows it alone: the settings' read scope does not read the lock settings
        Assert.DoesNotContain("group:read:settings:admin", GroupSettingsOperations.GetLockSettings.AdminScopes);
    }
}
