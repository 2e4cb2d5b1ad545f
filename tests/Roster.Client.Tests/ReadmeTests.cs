using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Roster.Server.Tests;

namespace Roster.Client.Tests;

/// <summary>
/// The README's code runs as a new user would run it, against a real server process: the curl session in bash, and the
/// SDK program built from a package packed from this tree into a fresh <c>dotnet new console</c> app. The only change
/// made to the README's text is the server's address (and, for curl, where its credentials file is).
/// </summary>
[Collection("readme")]
public class ReadmeTests
{
    internal static readonly string Root = FindRoot();
    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Roster.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Roster.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The code blocks of one README section, as written.</summary>
    internal static List<(string Language, string Code)> Blocks(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var start = readme.IndexOf("\n## " + heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section '{heading}'");
        var end = readme.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return Regex.Matches(section, @"```(\w+)\n(.*?)```", RegexOptions.Singleline).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
    }

    /// <summary>Runs a command to its end (killing its tree after the timeout) and returns its standard output.</summary>
    internal static async Task<string> Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 4 minutes");
        }
        // a child left running in the background keeps the pipes open: what was written by the end is what counts
        var output = await stdout.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited with {process.ExitCode}\n{output}\n{await stderr.WaitAsync(TimeSpan.FromSeconds(30))}");
        return output;
    }

    /// <summary>
    /// The README's steps for a project on packages made from this tree: pack them (as built, without restoring the tree
    /// into this test's package folder) into a feed, a new project from <paramref name="template"/>, the feed in its
    /// nuget.config, the last package added. Returns the project's folder.
    /// </summary>
    static async Task<string> ProjectOnTreePackages(string dir, Dictionary<string, string> env, string template, string name, string[] packages)
    {
        var feed = Path.Combine(dir, "roster-feed");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        foreach (var package in packages)
            await Run(Root, env, "dotnet", "pack", $"src/{package}", "-c", configuration, "--no-build", "--no-restore", "-o", feed);
        await Run(dir, env, "dotnet", "new", template, "-o", name);
        var project = Path.Combine(dir, name);
        await Run(project, env, "dotnet", "new", "nugetconfig");
        await Run(project, env, "dotnet", "nuget", "add", "source", feed, "--name", "roster-feed", "--configfile", "nuget.config");
        await Run(project, env, "dotnet", "add", "package", packages[^1]);
        return project;
    }

    /// <summary>What every dotnet command here runs with: a package cache of its own, and no build servers left running.</summary>
    static Dictionary<string, string> DotnetEnvironment(string dir) => new()
    {
        ["NUGET_PACKAGES"] = Path.Combine(dir, "packages"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
    };

    /// <summary>
    /// A section's project steps pasted whole at the repository's root, as a new user does: the packs run there, and the
    /// project is made and its package added outside the repository (inside it, the repository's build settings would
    /// apply to it and <c>dotnet add package</c> would write into its <c>Directory.Packages.props</c>). The <c>dotnet</c>
    /// here only records where each command runs (and makes the folder <c>new -o</c> names); it refuses anything but a
    /// pack inside the repository, so a wrong step fails without touching the tree.
    /// </summary>
    [Theory]
    [InlineData("The .NET SDK")]
    [InlineData("In .NET tests")]
    public async Task TheProjectStepsMakeTheProjectOutsideTheRepository(string section)
    {
        var dir = TestTemp.NewFolder("roster-readme-where");
        try
        {
            var steps = Blocks(section).Single(b => b.Language == "sh").Code;
            var log = Path.Combine(dir, "dotnet.log");
            var stub = $$"""
                dotnet() {
                  printf '%s\t%s\n' "$PWD" "$*" >> '{{log}}'
                  case "$PWD/" in '{{Root}}/'*) [ "$1" = pack ] || { echo "dotnet $* inside the repository" >&2; return 1; } ;; esac
                  if [ "$1" = new ] && [ "${3:-}" = -o ]; then mkdir -p "$4"; fi
                }

                """;
            var env = new Dictionary<string, string>
            {
                ["HOME"] = Path.Combine(dir, "home"), ["TMPDIR"] = dir, // ~/roster-feed and mktemp stay in this test's folder
                ["ACCOUNT"] = RosterApp.AccountId, ["ID"] = RosterApp.ClientId, ["SECRET"] = RosterApp.ClientSecret, // from the curl session
            };
            await Run(Root, env, "bash", "-euo", "pipefail", "-c", stub + steps);

            var calls = (await File.ReadAllLinesAsync(log)).Select(l => l.Split('\t')).ToList();
            Assert.Contains(calls, c => c[1].StartsWith("pack ", StringComparison.Ordinal));
            Assert.All(calls.Where(c => c[1].StartsWith("pack ", StringComparison.Ordinal)), c => Assert.Equal(Root, c[0]));
            var made = calls.Where(c => !c[1].StartsWith("pack ", StringComparison.Ordinal)).ToList();
            Assert.Contains(made, c => c[1].StartsWith("add package ", StringComparison.Ordinal));
            Assert.All(made, c => Assert.StartsWith(dir + Path.DirectorySeparatorChar, c[0]));
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }

    [Fact]
    public async Task TheCurlSessionAndTheSandboxCallsRunAsWritten()
    {
        var dir = TestTemp.NewFolder("roster-readme-curl");
        try
        {
            var data = Path.Combine(dir, "data");
            await using var server = await ServerProcess.StartAsync(data);
            var (language, code) = Blocks("A curl session").Single();
            Assert.Equal("sh", language);
            var (sandboxLanguage, sandboxCode) = Blocks("The sandbox").Single();
            Assert.Equal("sh", sandboxLanguage);
            code += sandboxCode; // the sandbox section goes on from the curl session ($creds)
            var script = code.Replace("src/Roster.Server/data/credentials.json", Path.Combine(data, "credentials.json"))
                .Replace("http://localhost:5080", server.BaseUrl);
            var output = await Run(dir, new Dictionary<string, string>(), "bash", "-euo", "pipefail", "-c", script);

            // curl prints each answer without a newline: read them as consecutive JSON values
            var answers = new List<JsonNode>();
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read()) answers.Add(JsonNode.Parse(ref reader)!);
            Assert.Equal(8, answers.Count);
            Assert.Equal("ada@example.com", answers[0]["email"]!.GetValue<string>());
            Assert.Equal(2, answers[1]["users"]!.AsArray().Count);
            Assert.Equal(answers[0]["id"]!.GetValue<string>(), answers[2]["id"]!.GetValue<string>());
            Assert.Equal(1001, answers[3]["code"]!.GetValue<int>());
            Assert.Equal("before-test", answers[4]["name"]!.GetValue<string>());
            Assert.Equal(3601, answers[5]["offset_seconds"]!.GetValue<double>(), 0);
            Assert.Equal((true, 1), (answers[6]["ok"]!.GetValue<bool>(), answers[6]["count"]!.GetValue<int>()));
            Assert.Equal("bootstrap", answers[7]["snapshot"]!["name"]!.GetValue<string>());
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }

    [Fact]
    public async Task TheSdkProgramBuildsFromThePackageAndRunsAgainstARealServer()
    {
        var dir = TestTemp.NewFolder("roster-readme-sdk");
        try
        {
            await using var server = await ServerProcess.StartAsync(Path.Combine(dir, "data"));
            var blocks = Blocks("The .NET SDK");
            var steps = blocks.Single(b => b.Language == "sh").Code;
            var program = blocks.Single(b => b.Language == "csharp").Code;
            // the steps as the README gives them: the package from this tree, a new console app, the package added
            Assert.Contains("dotnet pack src/Roster.Client -c Release -o ~/roster-feed", steps);
            Assert.Contains("dotnet new console -o hello-roster", steps);
            Assert.Contains("dotnet new nugetconfig && dotnet nuget add source ~/roster-feed --name roster-feed --configfile nuget.config", steps);
            Assert.Contains("dotnet add package Roster.Client\n", steps);
            var env = DotnetEnvironment(dir);
            var app = await ProjectOnTreePackages(dir, env, "console", "hello-roster", ["Roster.Client"]);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), program.Replace("http://localhost:5080", server.BaseUrl));

            var runEnv = new Dictionary<string, string>(env)
            {
                ["ZOOM_ACCOUNT_ID"] = RosterApp.AccountId,
                ["ZOOM_CLIENT_ID"] = RosterApp.ClientId,
                ["ZOOM_CLIENT_SECRET"] = RosterApp.ClientSecret,
            };
            var lines = (await Run(app, runEnv, "dotnet", "run")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            using var http = await ServerProcess.ClientAsync(server.BaseUrl);
            var grace = (await http.GetFromJsonAsync<JsonObject>("/v2/users/grace@example.com"))!;
            Assert.Equal(["created", grace["id"]!.GetValue<string>()], lines[0].Split(' '));
            var listed = lines.Skip(1).Take(lines.Length - 2).Select(l => l.Split('\t')).ToList();
            Assert.Equal(["grace@example.com", "owner@example.com"], listed.Select(l => l[0]).Order());
            Assert.All(listed, l => Assert.Equal("active", l[2]));
            var error = lines[^1].Split(' ', 3);
            Assert.Equal(["404", "1001:"], error[..2]);

            // the same program in an app on .NET 8 (LTS), published self-contained (this machine has no .NET 8 runtime)
            await Run(dir, env, "dotnet", "new", "console", "-o", "hello-net8");
            var app8 = Path.Combine(dir, "hello-net8");
            var project8 = Path.Combine(app8, "hello-net8.csproj");
            var csproj = await File.ReadAllTextAsync(project8);
            Assert.Contains("<TargetFramework>net10.0</TargetFramework>", csproj);
            await File.WriteAllTextAsync(project8, csproj.Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFramework>net8.0</TargetFramework>"));
            File.Copy(Path.Combine(app, "nuget.config"), Path.Combine(app8, "nuget.config"));
            await Run(app8, env, "dotnet", "add", "package", "Roster.Client");
            await File.WriteAllTextAsync(Path.Combine(app8, "Program.cs"), program.Replace("http://localhost:5080", server.BaseUrl).Replace("grace@", "grace8@"));
            await Run(app8, env, "dotnet", "publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", "out");
            var lines8 = (await Run(app8, runEnv, Path.Combine(app8, "out", "hello-net8"))).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var grace8 = (await http.GetFromJsonAsync<JsonObject>("/v2/users/grace8@example.com"))!;
            Assert.Equal(["created", grace8["id"]!.GetValue<string>()], lines8[0].Split(' '));
            Assert.Equal(["404", "1001:"], lines8[^1].Split(' ', 3)[..2]);
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }

    [Fact]
    public async Task TheXunitExampleBuildsFromThePackagesAndPasses()
    {
        var dir = TestTemp.NewFolder("roster-readme-testing");
        try
        {
            var blocks = Blocks("In .NET tests");
            var steps = blocks.Single(b => b.Language == "sh").Code;
            var test = blocks.Single(b => b.Language == "csharp").Code;
            // the steps as the README gives them: both packages from this tree, a new xUnit project, the package added
            Assert.Contains("dotnet pack src/Roster.Client -c Release -o ~/roster-feed && dotnet pack src/Roster.Testing -c Release -o ~/roster-feed", steps);
            Assert.Contains("dotnet new xunit -o roster-tests", steps);
            Assert.Contains("dotnet add package Roster.Testing\n", steps);
            var env = DotnetEnvironment(dir);
            var project = await ProjectOnTreePackages(dir, env, "xunit", "roster-tests", ["Roster.Client", "Roster.Testing"]);
            await File.WriteAllTextAsync(Path.Combine(project, "UnitTest1.cs"), test);
            await Run(project, env, "dotnet", "test", "--logger", "trx;LogFileName=results.trx");

            // the run's own record: one test, passed
            var trx = System.Xml.Linq.XDocument.Load(Directory.GetFiles(Path.Combine(project, "TestResults"), "results.trx").Single());
            var counters = trx.Descendants().Single(e => e.Name.LocalName == "Counters");
            Assert.Equal(1, (int)counters.Attribute("total")!);
            Assert.Equal(1, (int)counters.Attribute("passed")!);
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }

    /// <summary>
    /// The server's commands as the README writes them: packed from the tree, installed as a global tool, and each
    /// command run in a fresh folder; the one that serves answers on its address, then is stopped.
    /// </summary>
    [Fact]
    public async Task TheServerInstallsAsAToolAndItsCommandsRunAsWritten()
    {
        var dir = TestTemp.NewFolder("roster-readme-server");
        var pidFile = Path.Combine(dir, "server.pid");
        try
        {
            var (language, code) = Blocks("Run").Single(b => b.Code.Contains("dotnet tool install", StringComparison.Ordinal));
            Assert.Equal("sh", language);
            var home = Path.Combine(dir, "home");
            Directory.CreateDirectory(home);
            var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var env = new Dictionary<string, string>(DotnetEnvironment(dir))
            {
                ["HOME"] = home,
                ["DOTNET_CLI_HOME"] = home,
                ["TMPDIR"] = dir, // mktemp -d: a folder of this test's
                ["PATH"] = $"{Path.Combine(home, ".dotnet", "tools")}:{Environment.GetEnvironmentVariable("PATH")}",
            };
            // as written, from the repository's root; the tree's build keeps the machine's package folder (see the CLI's test)
            var script = $"cd {Root}\n" + code.Replace("dotnet pack src/Roster.Server", $"NUGET_PACKAGES={machinePackages} dotnet pack src/Roster.Server")
                + $"\necho $! > {pidFile}\n";
            var output = await Run(dir, env, "bash", "-euo", "pipefail", "-c", script);

            Assert.Contains("roster-server migrate", output, StringComparison.Ordinal); // the help lists the commands
            var folder = Directory.GetDirectories(dir, "tmp.*").Single();
            var credentials = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "data", "credentials.json")))!;
            // the rotated secret is the one written, and it opens the server the last line started
            using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5082"), Timeout = TimeSpan.FromSeconds(10) };
            HttpResponseMessage? health = null;
            for (var i = 0; i < 120 && health?.StatusCode != HttpStatusCode.OK; i++)
            {
                try { health = await http.GetAsync("/healthz"); }
                catch (HttpRequestException) { await Task.Delay(250); }
            }
            Assert.Equal(HttpStatusCode.OK, health?.StatusCode);
            var token = new HttpRequestMessage(HttpMethod.Post,
                $"/oauth/token?grant_type=account_credentials&account_id={credentials["account_id"]!.GetValue<string>()}");
            token.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
                $"{credentials["client_id"]!.GetValue<string>()}:{credentials["client_secret"]!.GetValue<string>()}")));
            var issued = JsonNode.Parse(await (await http.SendAsync(token)).Content.ReadAsStringAsync())!;
            var list = new HttpRequestMessage(HttpMethod.Get, "/v2/users?page_size=1");
            list.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issued["access_token"]!.GetValue<string>());
            var users = JsonNode.Parse(await (await http.SendAsync(list)).Content.ReadAsStringAsync())!;
            Assert.Equal(1001, users["total_records"]!.GetValue<int>()); // the owner and the 1,000 seeded
        }
        finally
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
                try { Process.GetProcessById(pid).Kill(entireProcessTree: true); } catch (ArgumentException) { } // gone already
            TestTemp.Delete(dir);
        }
    }

    [Fact]
    public async Task TheCliInstallsAsAToolAndRunsAsWritten()
    {
        var dir = TestTemp.NewFolder("roster-readme-cli");
        try
        {
            await using var server = await ServerProcess.StartAsync(Path.Combine(dir, "data"));
            var (language, code) = Blocks("The CLI").First();
            Assert.Equal("sh", language);
            // a home of its own: ~/roster-feed, the global tool folder and the saved profile stay in this test's folder
            var home = Path.Combine(dir, "home");
            var work = Path.Combine(dir, "work");
            Directory.CreateDirectory(home);
            Directory.CreateDirectory(work);
            var env = new Dictionary<string, string>(DotnetEnvironment(dir))
            {
                ["HOME"] = home,
                ["DOTNET_CLI_HOME"] = home,
                ["PATH"] = $"{Path.Combine(home, ".dotnet", "tools")}:{Environment.GetEnvironmentVariable("PATH")}",
                ["ACCOUNT"] = RosterApp.AccountId, ["ID"] = RosterApp.ClientId, ["SECRET"] = RosterApp.ClientSecret,
            };
            // the tree's own build keeps the machine's package folder: restoring it into this test's folder would leave the
            // tree's assets pointing at a folder deleted at the end (and other README tests pack from the tree)
            var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var script = $"cd {Root}\n" + code.Replace("http://localhost:5080", server.BaseUrl).Replace("roster users list", $"cd {work}\nroster users list")
                .Replace("dotnet pack src/Roster.Cli", $"NUGET_PACKAGES={machinePackages} dotnet pack src/Roster.Cli");
            await Run(dir, env, "bash", "-euo", "pipefail", "-c", script);

            var exported = await File.ReadAllLinesAsync(Path.Combine(work, "users.csv"));
            Assert.Equal("email,first_name,last_name,type", exported[0]);
            Assert.Contains("ada.king@example.com,Ada,King,1", exported);
            Assert.True(File.Exists(Path.Combine(home, ".config", "roster", "profiles.json")));
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }
}
