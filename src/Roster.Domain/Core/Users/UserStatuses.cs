namespace Roster.Domain.Users;

public static class UserStatuses
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Pending = "pending";
    public static readonly string[] All = [Active, Inactive, Pending];
}
