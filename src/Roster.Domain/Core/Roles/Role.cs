namespace Roster.Domain.AccountRoles;

/// <summary>
/// A role of an account: a custom one (id <c>R</c> + 22 characters, as Zoom's), or the built-in Admin once the
/// account changed its privileges. Owner and Member are never stored; the built-ins come from <see cref="BuiltInRoles"/>.
/// </summary>
public sealed class Role
{
    public long Seq { get; set; }
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Type { get; set; } = RoleTypes.Common;
    public IReadOnlyList<string> Privileges { get; set; } = [];
    /// <summary>Zoom's <c>sub_account_privileges.second_level</c> (1, 2 or 3), or null when never set.</summary>
    public int? SubAccountLevel { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool IsBuiltIn => Users.Roles.IsKnown(Id);
}

/// <summary>A role as the API shows it: the role and how many users hold it (from the kept totals).</summary>
public sealed record RoleView(Role Role, long TotalMembers);
