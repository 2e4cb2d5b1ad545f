namespace Roster.Domain.Users;

/// <summary>
/// A user as a list page shows it (GET /users, reference §4.2): what the list's items are made of, read without the
/// user's credentials, invitation and other stored state, so a page cannot carry them and reading one costs less.
/// </summary>
public sealed class UserListItem
{
    /// <summary>The list's order and the next page's key.</summary>
    public long Seq { get; init; }
    public required string Id { get; init; }
    public required string Email { get; init; }
    public int Type { get; init; }
    public required string Status { get; init; }
    public required string RoleId { get; init; }
    public int LoginType { get; init; }
    public long Pmi { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastLoginTime { get; init; }
    public bool Verified { get; init; }
    public string? PicId { get; init; }
    public required UserProfile Profile { get; init; }

    public bool IsPending => Status == UserStatuses.Pending;
}
