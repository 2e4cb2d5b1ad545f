namespace Roster.Domain.Users;

public sealed record SeedResult(int Created, TimeSpan Elapsed);
