namespace Roster.Domain.AccountRoles;

/// <summary>POST /roles: a custom role. <c>type</c> defaults to <c>common</c>.</summary>
public sealed record CreateRoleRequest(string? Name, string? Description = null, List<string>? Privileges = null, string? Type = null);
