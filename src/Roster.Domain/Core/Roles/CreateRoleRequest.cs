using System.ComponentModel;

namespace Roster.Domain.AccountRoles;

/// <summary>POST /roles: a custom role. <c>type</c> defaults to <c>common</c>.</summary>
[Description("Body of POST /roles: a custom role.")]
public sealed record CreateRoleRequest(
    [property: Description("Role name, unique in the account.")] string? Name,
    [property: Description("Role description.")] string? Description = null,
    [property: Description("The role's privileges, Area:Action (User:Read, Group:Edit …).")] List<string>? Privileges = null,
    [property: Description("Role type: common (the default).")] string? Type = null);
