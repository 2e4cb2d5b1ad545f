using Npgsql;

namespace Roster.Server.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run, started from the machine's binaries (as the postgres user when
/// running as root) on a free port in a temporary folder, or the server named by ROSTER_TEST_POSTGRES.
/// Each test gets its own database.
/// </summary>
public static class PostgresCluster
{
    static readonly Lazy<string?> Admin = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    static string? _why;

    /// <summary>Why PostgreSQL is unavailable, or null when it is running.</summary>
    public static string? Unavailable => Admin.Value is null ? _why : null;

    /// <summary>Skips (on a laptop) or fails (with CI=true) when there is no PostgreSQL.</summary>
    public static void Require()
    {
        if (Unavailable is { } why)
        {
            if (TestEngine.InCi) throw new InvalidOperationException($"PostgreSQL is required in CI: {why}");
            Skip.If(true, $"PostgreSQL not available: {why}");
        }
    }

    public static string NewDatabase()
    {
        var admin = Admin.Value ?? throw new InvalidOperationException($"PostgreSQL not available: {_why}");
        var name = "roster_" + Guid.NewGuid().ToString("N")[..16];
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    public static void Drop(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var c = new NpgsqlConnection(Admin.Value);
            c.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
            cmd.ExecuteNonQuery();
        }
        catch (NpgsqlException) { }
    }

    static PostgresServer? _server;

    public static string DataDir => _server?.DataDir ?? "";

    static string? Start()
    {
        if (Environment.GetEnvironmentVariable("ROSTER_TEST_POSTGRES") is { Length: > 0 } given) return given;
        _server = PostgresServer.TryStart(out _why);
        if (_server is null) return null;
        TestTemp.BeforeDelete.Add(Stop);
        return _server.Admin;
    }

    /// <summary>Stops the cluster (for restart tests and at exit).</summary>
    public static void Stop() => _server?.StopIfRunning();

    public static void StopForRestart() => _server!.Stop("immediate");

    public static void StartAgain() => _server!.StartAgain();
}
