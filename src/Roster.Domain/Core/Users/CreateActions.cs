namespace Roster.Domain.Users;

public static class CreateActions
{
    public const string Create = "create";
    public const string AutoCreate = "autoCreate";
    public const string CustCreate = "custCreate";
    public const string SsoCreate = "ssoCreate";
    public static readonly string[] All = [Create, AutoCreate, CustCreate, SsoCreate];
}
