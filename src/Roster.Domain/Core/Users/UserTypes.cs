namespace Roster.Domain.Users;

public static class UserTypes
{
    public const int Basic = 1;
    public const int Licensed = 2;
    public const int OnPrem = 3;
    public const int NoMeetingsLicense = 4;
    public const int None = 99;
    public static readonly int[] All = [Basic, Licensed, OnPrem, NoMeetingsLicense, None];
    public static bool IsPaid(int type) => type is Licensed or OnPrem;
}
