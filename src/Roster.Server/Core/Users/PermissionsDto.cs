namespace Roster.Server.Users;

public sealed record PermissionsDto(IReadOnlyList<string> Permissions);
