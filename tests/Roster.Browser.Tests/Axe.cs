using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Roster.Server.Tests;

namespace Roster.Browser.Tests;

/// <summary>
/// axe-core (the npm package pinned in <c>axe/package-lock.json</c>, installed by <c>npm ci</c> there; <c>.ci/run</c>
/// does it) run in a page through Playwright: the page's violations of impact "serious" or "critical".
/// </summary>
static class Axe
{
    static string ScriptPath => PagesTests.RepoFile("tests", "Roster.Browser.Tests", "axe", "node_modules", "axe-core", "axe.min.js");

    internal static void Require()
    {
        if (File.Exists(ScriptPath)) return;
        const string why = "axe-core is not installed: run `npm ci` in tests/Roster.Browser.Tests/axe (.ci/run does)";
        if (TestEngine.InCi) throw new InvalidOperationException(why);
        Skip.If(true, why);
    }

    /// <summary>
    /// The serious and critical violations of the page as it stands (every <c>details</c> opened first, so folded
    /// content is checked too), one line each: rule, impact, help and up to five of the elements.
    /// </summary>
    internal static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(await File.ReadAllTextAsync(ScriptPath));
        var json = await page.EvaluateAsync<string>("""
            async () => JSON.stringify((await axe.run(document, { resultTypes: ["violations"] })).violations
              .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")) })))
            """);
        return JsonNode.Parse(json)!.AsArray()
            .Where(v => v!["impact"]?.GetValue<string>() is "serious" or "critical")
            .Select(v => $"{v!["id"]} ({v["impact"]}): {v["help"]} at {string.Join(", ", v["nodes"]!.AsArray().Select(n => n!.GetValue<string>()))}")
            .ToList();
    }
}
