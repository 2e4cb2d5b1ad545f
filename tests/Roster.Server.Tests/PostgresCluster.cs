using System.Diagnostics;
using Npgsql;

namespace Roster.Server.Tests;

/// <summary>Which store the server suite runs on: SQLite by default, PostgreSQL with ROSTER_TEST_ENGINE=postgres.</summary>
public static class TestEngine
{
    public static bool Postgres => Environment.GetEnvironmentVariable("ROSTER_TEST_ENGINE") == "postgres";
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

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

    static string? FindBinary(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
                     .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")) : []))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    public static string DataDir { get; private set; } = "";
    static string _pgCtl = "";
    static bool _asPostgres;
    static string _serverOptions = "";

    static string? Start()
    {
        if (Environment.GetEnvironmentVariable("ROSTER_TEST_POSTGRES") is { Length: > 0 } given) return given;
        var initdb = FindBinary("initdb");
        var pgCtl = FindBinary("pg_ctl");
        if (initdb is null || pgCtl is null)
        {
            _why = "initdb/pg_ctl not found on PATH or in /usr/lib/postgresql/*/bin; install PostgreSQL or set ROSTER_TEST_POSTGRES";
            return null;
        }
        _pgCtl = pgCtl;
        _asPostgres = Environment.UserName == "root";
        DataDir = TestTemp.NewFolder("roster-pg");
        TestTemp.BeforeDelete.Add(Stop);
        if (_asPostgres) Run("chown", "postgres:postgres", DataDir);
        var port = ServerProcess.FreePort();
        Run(initdb, "-D", Path.Combine(DataDir, "db"), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        _serverOptions = $"-p {port} -k {DataDir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=300";
        StartAgain();
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>Stops the cluster (for restart tests and at exit).</summary>
    public static void Stop()
    {
        if (DataDir.Length == 0 || !Directory.Exists(Path.Combine(DataDir, "db"))) return;
        try { Run(_pgCtl, "-D", Path.Combine(DataDir, "db"), "-m", "fast", "-w", "stop"); } catch (InvalidOperationException) { }
    }

    public static void StopForRestart() => Run(_pgCtl, "-D", Path.Combine(DataDir, "db"), "-m", "immediate", "-w", "stop");

    public static void StartAgain()
        => Run(_pgCtl, "-D", Path.Combine(DataDir, "db"), "-l", Path.Combine(DataDir, "log"), "-w", "-t", "60", "-o", _serverOptions, "start");

    static void Run(string file, params string[] args)
    {
        var info = _asPostgres && file != "chown"
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", file } }
            : new ProcessStartInfo(file);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {error}{output.Result}");
    }
}
