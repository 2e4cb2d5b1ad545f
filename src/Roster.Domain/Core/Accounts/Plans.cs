namespace Roster.Domain.Accounts;

/// <summary>Zoom plans; they decide rate limits, daily invite quotas and what an account may do.</summary>
public static class Plans
{
    public const string Free = "free";
    public const string Pro = "pro";
    public const string Business = "business";
    public const string Enterprise = "enterprise";
    public static readonly string[] All = [Free, Pro, Business, Enterprise];
}
