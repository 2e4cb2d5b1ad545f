namespace Roster.Server.Hosting;

public sealed record SeedLoadedDto(int SubAccounts, int Users, int Apps);
