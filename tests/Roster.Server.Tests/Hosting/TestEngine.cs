namespace Roster.Server.Tests;

/// <summary>Which store the server suite runs on: SQLite by default, PostgreSQL with ROSTER_TEST_ENGINE=postgres.</summary>
public static class TestEngine
{
    public static bool Postgres => Environment.GetEnvironmentVariable("ROSTER_TEST_ENGINE") == "postgres";
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
