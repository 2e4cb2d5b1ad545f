namespace Roster.Domain.Groups;

/// <summary>A group of an account's users (Zoom's <c>/v2/groups</c>), as stored.</summary>
public sealed class Group
{
    /// <summary>The list's order and the next page's key.</summary>
    public long Seq { get; set; }
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Name { get; set; }
    /// <summary>Zoom's <c>in_directory</c> (create only): accepted and echoed, nothing else depends on it.</summary>
    public bool? InDirectory { get; set; }
    /// <summary>Zoom's <c>directory_privacy</c> (1, 2 or 3): accepted and echoed.</summary>
    public int? DirectoryPrivacy { get; set; }
    /// <summary>How many users are members: kept with every membership change, never counted.</summary>
    public long TotalMembers { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A member of a group as a list shows it: the user's id, e-mail, names and type, and the page key.</summary>
public sealed record GroupMember(long Seq, string UserId, string Email, string FirstName, string LastName, int Type);

/// <summary>An admin of a group as a list shows it.</summary>
public sealed record GroupAdmin(long Seq, string UserId, string Email, string FirstName, string LastName);
