using System.Text.RegularExpressions;

namespace Roster.Domain.Tests;

/// <summary>
/// One error catalogue: every Zoom error (status, code, message) is built in <c>Errors/Fail.cs</c> and nowhere else;
/// the store reports facts (<c>UniqueKeyConflict</c>, <c>StoreContention</c>) and knows no Zoom codes.
/// </summary>
public class ErrorCatalogueTests
{
    static readonly Regex BuildsAnError = new(@"new\s+ZoomError\s*\(|Fail\.With\s*\(|new\s+ZoomException\s*\(\s*new", RegexOptions.Compiled);

    [Fact]
    public void ZoomErrorsAreBuiltOnlyInTheCatalogue()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Roster.slnx"))) root = root.Parent;
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root!.FullName, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root.FullName, file);
            if (relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) || relative.StartsWith(Path.Combine("src", "Roster.Client"), StringComparison.Ordinal) || relative.StartsWith(Path.Combine("src", "Roster.Cli"), StringComparison.Ordinal)) continue;
            if (relative == Path.Combine("src", "Roster.Domain", "Core", "Errors", "Fail.cs")) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (BuildsAnError.IsMatch(lines[i])) offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
            if (relative.StartsWith(Path.Combine("src", "Roster.Storage"), StringComparison.Ordinal) && File.ReadAllText(file).Contains("Errors.", StringComparison.Ordinal))
                offenders.Add($"{relative}: the store refers to Zoom's errors");
        }
        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }
}

public class StoreFactTranslationTests
{
    sealed class FailingStore(Exception fact) : Abstractions.IRosterStore
    {
        public Task<T> ReadAsync<T>(Func<Abstractions.IStoreSession, Task<T>> work, CancellationToken ct = default) => throw fact;
        public Task<T> WriteAsync<T>(Func<Abstractions.IStoreSession, Task<T>> work, CancellationToken ct = default) => throw fact;
    }

    [Theory]
    [InlineData("email", "a@b.c", 409, 1005)]
    [InlineData("email", "", 409, 1005)]
    [InlineData("vanity_name", "ada", 400, 4100)]
    [InlineData("pmi", "1234567890", 400, 300)]
    public async Task UniqueKeyConflictsBecomeZoomErrors(string key, string value, int status, int code)
    {
        var e = await Assert.ThrowsAsync<Errors.ZoomException>(() =>
            Abstractions.StoreWrites.Write(new FailingStore(new Abstractions.UniqueKeyConflict(key, value)), _ => Task.FromResult(true)));
        Assert.Equal((status, code), (e.Error.Status, e.Error.Code));
    }

    [Fact]
    public async Task LastingContentionIsZooms429()
    {
        var e = await Assert.ThrowsAsync<Errors.ZoomException>(() =>
            Abstractions.StoreWrites.Write(new FailingStore(new Abstractions.StoreContention()), _ => Task.FromResult(true)));
        Assert.Equal((429, 429), (e.Error.Status, e.Error.Code));
        // a client that honours Retry-After backs off instead of hammering the contended row
        Assert.True(e.Error.Headers?.ContainsKey("Retry-After") == true, "a 429 for contention carries Retry-After");
    }

    [Fact]
    public void TheStoresOutagesTellClientsWhenToComeBack()
    {
        foreach (var error in new[] { Errors.Fail.Unavailable(), Errors.Fail.StoreFull() })
        {
            Assert.Equal((503, 503), (error.Status, error.Code));
            Assert.True(error.Headers?.TryGetValue("Retry-After", out var after) == true && int.TryParse(after, out var seconds) && seconds > 0,
                $"{error.Message}: Retry-After in whole seconds");
        }
    }
}
