
namespace Roster.Domain.Sandbox;

/// <summary>What a seed file could not do: where (line, path) and why.</summary>
public sealed record SeedProblem(int Line, string Path, string Reason);

/// <summary>What a seed file added.</summary>
public sealed record SeedLoaded(int Accounts, int Users, int Apps);
