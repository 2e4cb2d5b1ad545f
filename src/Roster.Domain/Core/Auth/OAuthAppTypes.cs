namespace Roster.Domain.Auth;

public static class OAuthAppTypes
{
    public const string ServerToServer = "s2s";
    public const string User = "user";
}
