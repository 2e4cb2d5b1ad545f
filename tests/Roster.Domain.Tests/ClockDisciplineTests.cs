using System.Text.RegularExpressions;

namespace Roster.Domain.Tests;

/// <summary>
/// One clock per store: every rule that reads time (token, page-token, invitation and ZAK expiry, quotas, rate
/// windows, the e-mail-change window, ids) asks the injected <see cref="TimeProvider"/>, so a sandbox can move it.
/// Only the composition root names the system clock; the SDK (a client) defaults to it.
/// </summary>
public class ClockDisciplineTests
{
    static readonly Regex SystemClock = new(@"DateTime(Offset)?\.(Utc)?Now\b|Environment\.TickCount|TimeProvider\.System", RegexOptions.Compiled);

    [Fact]
    public void NothingButTheCompositionRootReadsTheSystemClock()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Roster.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var offenders = new List<string>();
        foreach (var project in new[] { "Roster.Domain", "Roster.Storage", "Roster.Server" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root.FullName, "src", project), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (!SystemClock.IsMatch(lines[i])) continue;
                    var allowed = file.EndsWith(Path.Combine("Hosting", "RosterHosting.cs"), StringComparison.Ordinal)
                        && lines[i].Contains("services.TryAddKeyedSingleton<TimeProvider>(\"real\", TimeProvider.System)", StringComparison.Ordinal);
                    if (!allowed) offenders.Add($"{Path.GetRelativePath(root.FullName, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
        Assert.Matches(SystemClock, "x = DateTime.UtcNow;"); // the pattern itself works
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
