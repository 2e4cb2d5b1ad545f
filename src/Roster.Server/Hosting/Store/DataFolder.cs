using Roster.Domain.Abstractions;
using Roster.Server.Http;

namespace Roster.Server.Hosting;

/// <summary>
/// The data folder holds the store and its credentials: the folder is 0700 and every file in it 0600, whatever the
/// umask, so no other local user can read the signing key or mint tokens. Files are created with their mode (never
/// chmod-ed after being written), and a folder or file left broader by an earlier version is tightened on start.
/// </summary>
public static class DataFolder
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Prepare(string folder, params string[] files)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        Directory.CreateDirectory(folder, FolderMode);
        if ((File.GetUnixFileMode(folder) & ~FolderMode) != 0) File.SetUnixFileMode(folder, FolderMode);
        foreach (var name in files)
        {
            var path = Path.Combine(folder, name);
            // Created empty with 0600 before SQLite opens it; SQLite gives its -wal and -shm files the database's mode.
            if (!File.Exists(path)) using (Create(path)) { }
        }
        foreach (var path in Directory.EnumerateFiles(folder))
            if ((File.GetUnixFileMode(path) & ~FileMode) != 0) File.SetUnixFileMode(path, FileMode);
    }

    static FileStream Create(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        return new FileStream(path, options);
    }

    /// <summary>Writes a file that holds secrets: a 0600 temporary file in the same folder, then an atomic rename.</summary>
    public static async Task WriteSecretAsync(string path, string content)
    {
#pragma warning disable RS0030 // a temporary file's unique name, not an id
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
#pragma warning restore RS0030
        try
        {
            await using (var stream = Create(temp))
            await using (var writer = new StreamWriter(stream))
                await writer.WriteAsync(content);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
