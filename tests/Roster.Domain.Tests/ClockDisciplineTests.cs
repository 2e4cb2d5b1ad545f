namespace Roster.Domain.Tests;

/// <summary>
/// One clock per store: every rule that reads time (token, page-token, invitation and ZAK expiry, quotas, rate
/// windows, the e-mail-change window, ids) asks the injected <see cref="TimeProvider"/>, so a sandbox can move it.
/// Only the composition root names the system clock; the SDK (a client) defaults to it.
/// </summary>
public class ClockDisciplineTests
{
    static readonly string[] ClockSymbols =
    [
        "P:System.DateTime.Now", "P:System.DateTime.UtcNow", "P:System.DateTime.Today",
        "P:System.DateTimeOffset.Now", "P:System.DateTimeOffset.UtcNow", "P:System.TimeProvider.System",
        "P:System.Environment.TickCount", "P:System.Environment.TickCount64", "M:System.Guid.CreateVersion7",
    ];

    static readonly string[] GuardedProjects = ["Roster.Domain", "Roster.Storage", "Roster.Server"];

    /// <summary>
    /// The system clock is banned by BannedApiAnalyzers (src/BannedSymbols.txt, RS0030 fails the build) in the domain,
    /// the store and the server; this proves the analyzer is on there, and that the only exemptions are the
    /// composition root's clock and a temporary file's name.
    /// </summary>
    [Fact]
    public void TheBannedApiAnalyzerGuardsTheClockOfDomainStoreAndServer()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Roster.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var banned = File.ReadAllLines(Path.Combine(root.FullName, "src", "BannedSymbols.txt"))
            .Select(line => line.Split(';')[0].Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.All(ClockSymbols, symbol => Assert.Contains(symbol, banned));
        Assert.Contains("M:System.Guid.NewGuid", banned);
        foreach (var config in Directory.EnumerateFiles(root.FullName, ".editorconfig", SearchOption.AllDirectories))
            Assert.DoesNotContain("RS0030", File.ReadAllText(config), StringComparison.Ordinal); // no severity turns it down
        var exemptions = new List<string>();
        foreach (var project in GuardedProjects)
        {
            var folder = Path.Combine(root.FullName, "src", project);
            var csproj = File.ReadAllText(Path.Combine(folder, project + ".csproj"));
            Assert.Contains("<PackageReference Include=\"Microsoft.CodeAnalysis.BannedApiAnalyzers\"", csproj, StringComparison.Ordinal);
            Assert.Contains("<AdditionalFiles Include=\"..\\BannedSymbols.txt\"", csproj, StringComparison.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                    if (lines[i].Contains("warning disable RS0030", StringComparison.Ordinal) || lines[i].Contains("SuppressMessage(\"ApiDesign\"", StringComparison.Ordinal))
                        exemptions.Add($"{Path.GetFileName(file)}: {lines[i + 1].Trim()}");
            }
        }
        Assert.Equal(
            [
                "DataFolder.cs: var temp = Path.Combine(Path.GetDirectoryName(path)!, $\".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp\");",
                "RosterHosting.cs: services.TryAddKeyedSingleton<TimeProvider>(\"real\", TimeProvider.System);",
            ],
            exemptions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IdsFollowTheStoreClockAndStayIncreasing()
    {
        var clock = new StillClock();
        var ids = new IdSource(clock);
        var a = ids.NewUserId();
        var b = ids.NewUserId(); // same instant: still increasing
        clock.Now = clock.Now.AddYears(-10); // a clock moved back
        var c = ids.NewUserId();
        Assert.True(Bytes(a) < Bytes(b) && Bytes(b) < Bytes(c));
        var later = new IdSource(new StillClock { Now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) }).NewUserId();
        Assert.True(Bytes(later) > Bytes(a));
    }

    static long Bytes(string id) => System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(System.Buffers.Text.Base64Url.DecodeFromChars(id));
}
