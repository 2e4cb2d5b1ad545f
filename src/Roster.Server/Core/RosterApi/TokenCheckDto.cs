namespace Roster.Server.Hosting;

public sealed record TokenCheckRequest(string? Token);

public sealed record TokenCheckDto(bool Active, string? UserId, string? Type, long? Exp);
