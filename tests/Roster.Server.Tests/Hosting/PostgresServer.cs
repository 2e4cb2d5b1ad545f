using System.Diagnostics;

namespace Roster.Server.Tests;

/// <summary>
/// One PostgreSQL cluster of the test run's own, in a folder under <see cref="TestTemp.Root"/>: the shared one (<see cref="PostgresCluster"/>), or
/// a test's own that it may stop and start (the outage drill) without touching the other tests' databases.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public string DataDir { get; }
    /// <summary>A connection string for the superuser's <c>postgres</c> database (no pooling).</summary>
    public string Admin { get; }
    public int Port { get; }
    readonly string _pgCtl;
    readonly bool _asPostgres;
    readonly string _serverOptions;

    PostgresServer(string dataDir, string pgCtl, bool asPostgres, int port, string serverOptions)
    {
        (DataDir, _pgCtl, _asPostgres, Port, _serverOptions) = (dataDir, pgCtl, asPostgres, port, serverOptions);
        Admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>A new running cluster, or null with why there can be none (no binaries).</summary>
    public static PostgresServer? TryStart(out string? why, int maxConnections = 300)
    {
        var initdb = FindBinary("initdb");
        var pgCtl = FindBinary("pg_ctl");
        if (initdb is null || pgCtl is null)
        {
            why = "initdb/pg_ctl not found on PATH or in /usr/lib/postgresql/*/bin; install PostgreSQL or set ROSTER_TEST_POSTGRES";
            return null;
        }
        why = null;
        var asPostgres = Environment.UserName == "root";
        var dataDir = TestTemp.NewFolder("roster-pg");
        if (asPostgres) Run(false, "chown", "postgres:postgres", dataDir);
        var port = LoopbackPort.Free();
        Run(asPostgres, initdb, "-D", Path.Combine(dataDir, "db"), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        var server = new PostgresServer(dataDir, pgCtl, asPostgres, port,
            $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections={maxConnections}");
        server.StartAgain();
        return server;
    }

    /// <summary>Stops the server: <c>fast</c> (sessions ended, a clean checkpoint) or <c>immediate</c> (as a crash; WAL replay at start).</summary>
    public void Stop(string mode = "fast") => Ctl("-m", mode, "-w", "stop");

    /// <summary>Stops the server if it runs (at exit: a server already stopped is no error).</summary>
    public void StopIfRunning()
    {
        if (!Directory.Exists(Path.Combine(DataDir, "db"))) return;
        try { Stop(); } catch (InvalidOperationException) { }
    }

    public void StartAgain() => Ctl("-l", Path.Combine(DataDir, "log"), "-w", "-t", "60", "-o", _serverOptions, "start");

    /// <summary>Stops the server (if it runs) and deletes its folder.</summary>
    public void Dispose()
    {
        StopIfRunning();
        TestTemp.Delete(DataDir);
    }

    void Ctl(params string[] args) => Run(_asPostgres, _pgCtl, ["-D", Path.Combine(DataDir, "db"), .. args]);

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

    static void Run(bool asPostgres, string file, params string[] args)
    {
        var info = asPostgres
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
