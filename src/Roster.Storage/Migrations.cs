namespace Roster.Storage;

/// <summary>The embedded migration scripts of one engine, by version (<c>Migrations/&lt;Engine&gt;/NNNN_name.sql</c>).</summary>
internal static class MigrationScripts
{
    public const int Latest = 6;

    public static string Load(string engine, int version)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.Contains($".Migrations.{engine}.{version:D4}_", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return new StreamReader(stream).ReadToEnd();
    }
}

/// <summary>The store's schema is not the one this build serves; the node must not start.</summary>
public sealed class SchemaMismatchException(string message) : Exception(message);

/// <summary>Whether the store answers (for readiness probes).</summary>
public interface IStoreHealth
{
    Task<bool> PingAsync(CancellationToken ct = default);
}
