using System.Diagnostics;

namespace Roster.Server.Tests;

/// <summary>
/// Every folder a test makes lives under one root per test process, and every process a test starts (PostgreSQL
/// clusters, roster-server nodes) names a folder under it on its command line. A watchdog outside the test process
/// (double-forked, so killing the test host's process tree does not reach it) waits for the test process to end,
/// however it ends, stops whatever still runs from the root and deletes it. A normal exit cleans up at once.
/// </summary>
public static class TestTemp
{
    static readonly Lazy<string> LazyRoot = new(CreateRoot, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Root => LazyRoot.Value;

    /// <summary>What must stop before the root goes at a normal exit (a PostgreSQL cluster started inside it).</summary>
    public static readonly System.Collections.Concurrent.ConcurrentBag<Action> BeforeDelete = [];

    /// <summary>A new empty folder under the root, for one test.</summary>
    public static string NewFolder(string prefix)
    {
        var dir = Path.Combine(Root, prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Deletes a test's folder, tolerating files a just-killed process still had open.</summary>
    public static void Delete(string dir)
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(dir); attempt++)
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { Thread.Sleep(100); }
            catch (UnauthorizedAccessException) { Thread.Sleep(100); }
        }
    }

    // $1: the root, $2: the test process. QUIT is PostgreSQL's immediate shutdown; roster-server nodes are killed, and
    // so are CLI processes (started with `dotnet exec --additionalprobingpath <a folder under the root>`) and any process
    // working in a folder under the root (a tool the README starts in the background); a small file
    // system a test mounted inside (the disk-full test's tmpfs) is unmounted before the folder goes.
    const string Watchdog = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$2" 2>/dev/null; do sleep 0.5; done
        pkill -QUIT -f -- "-D $1/" 2>/dev/null
        pkill -KILL -f -- "--data $1/" 2>/dev/null
        for i in $(seq 1 20); do pgrep -f -- "-D $1/" >/dev/null 2>&1 || break; sleep 0.5; done
        pkill -KILL -f -- "-D $1/" 2>/dev/null
        pkill -KILL -f -- "--additionalprobingpath $1/" 2>/dev/null
        for p in /proc/[0-9]*; do case "$(readlink "$p/cwd" 2>/dev/null)" in "$1"/*) kill -KILL "${p#/proc/}" 2>/dev/null;; esac; done
        grep -o " $1/[^ ]*" /proc/mounts 2>/dev/null | xargs -r -n1 umount -l 2>/dev/null
        rm -rf -- "$1"
        """;

    static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), $"roster-tests-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(root);
        if (!OperatingSystem.IsWindows())
        {
            // the postgres user (CI runs as root) must reach its cluster folder inside
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            var info = new ProcessStartInfo("setsid")
            {
                ArgumentList = { "-f", "sh", "-c", Watchdog, "roster-test-watchdog", root, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                UseShellExecute = false,
            };
            using var process = Process.Start(info);
            process?.WaitForExit();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var stop in BeforeDelete) stop();
            Delete(root);
        };
        return root;
    }
}
