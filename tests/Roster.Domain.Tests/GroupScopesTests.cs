using System.Text.RegularExpressions;
using Roster.Domain.Auth;
using Roster.Domain.Groups;

namespace Roster.Domain.Tests;

/// <summary>The Server-to-Server app Roster makes holds the group scopes, and migration 0015 gives apps made before exactly the same.</summary>
public class GroupScopesTests
{
    static string Migration()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Roster.slnx"))) dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir!.FullName, "src", "Roster.Storage", "Migrations", "0015_groups.sql"));
    }

    [Fact]
    public void TheMigrationGivesOldAppsTheScopesNewAppsGet()
    {
        var sql = Migration();
        var added = Regex.Match(sql, @"SET scopes = scopes \|\| ' ([^']+)'").Groups[1].Value.Split(' ');
        var old = Regex.Match(sql, @"WHERE scopes = '([^']+)'").Groups[1].Value.Split(' ');
        Assert.Equal(GroupOperations.AppScopes, added);
        // a first start made now holds the same, and what later migrations (roles) add after it
        Assert.Equal(old.Concat(added).ToArray(), Operations.AllAdminScopes.Take(old.Length + added.Length).ToArray());
        // every group operation is allowed by what the app holds
        var held = Operations.AllAdminScopes.ToHashSet(StringComparer.Ordinal);
        Assert.All(GroupOperations.All, op => Assert.Contains(op.AdminScopes, held.Contains));
    }
}
