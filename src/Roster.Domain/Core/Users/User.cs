namespace Roster.Domain.Users;

/// <summary>A user as stored: identity, state, credentials and profile. Never written to the wire as is.</summary>
public sealed class User
{
    public long Seq { get; set; }
    public required string Id { get; init; }
    public required string AccountId { get; set; }
    public required string Email { get; set; }
    public int Type { get; set; } = UserTypes.Basic;
    public string Status { get; set; } = UserStatuses.Active;
    public string RoleId { get; set; } = Roles.MemberId;
    public int LoginType { get; set; } = LoginTypes.WorkEmail;
    public long Pmi { get; set; }
    public bool UsePmi { get; set; }
    public string? VanityName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastLoginTime { get; set; }
    public bool Verified { get; set; }
    public string? PicId { get; set; }
    public string? PasswordHash { get; set; }
    /// <summary>Hashes of earlier passwords, newest first (reuse rule, code 1129).</summary>
    public List<string> PasswordHistory { get => _passwordHistory ??= []; set => _passwordHistory = value; }
    public string? InviteToken { get; set; }
    public DateTimeOffset? InviteExpiresAt { get; set; }
    /// <summary>Tokens issued before this instant (GET /users/{id}/token) are no longer valid.</summary>
    public DateTimeOffset? TokensRevokedAt { get; set; }
    public UserProfile Profile { get => _profile ??= new(); set => _profile = value; }

    // made when first asked for: a user read from the store gets both from its row, so none is made only to be replaced
    List<string>? _passwordHistory;
    UserProfile? _profile;

    public bool IsOwner => RoleId == Roles.OwnerId;
    public bool IsAdmin => RoleId == Roles.AdminId;
    public bool IsPending => Status == UserStatuses.Pending;
    public bool InvitationExpired(DateTimeOffset now) => IsPending && InviteExpiresAt is { } exp && exp <= now;
}
