namespace Roster.Server.Users;

public sealed record TokenDto(string? Token);
