namespace Roster.Domain.AccountRoles;

/// <summary>The kinds of role Zoom lists (<c>GET /roles?type=</c>): account roles, and Zoom IQ roles.</summary>
public static class RoleTypes
{
    public const string Common = "common";
    public const string Iq = "iq";
}
