namespace Roster.Server.Hosting;

public sealed record InvitationDto(string Email, string Link, string ExpiresAt);

public sealed record InvitationListDto(IReadOnlyList<InvitationDto> Invitations);
