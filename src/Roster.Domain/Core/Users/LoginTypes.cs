namespace Roster.Domain.Users;

public static class LoginTypes
{
    public const int ApiUser = 99;
    public const int WorkEmail = 100;
    public const int Sso = 101;
}
