namespace Roster.Domain.Users;

public sealed record CreatedUser(User User, string? InvitationToken);
