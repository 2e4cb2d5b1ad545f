using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Roster.Server.Tests;

namespace Roster.Client.Tests;

/// <summary>
/// Every shell block of <c>docs/*.md</c> that talks to the server runs as written against the README's server (a real
/// process), in the state the README leaves a reader in: its curl session's variables (<c>$TOKEN</c>, <c>$KEY</c>, …),
/// the <c>roster</c> tool on <c>PATH</c> and logged in, and the webhook receiver the doc asks for listening. As in
/// <see cref="ReadmeTests"/>, the only changes to the text are the server's address, where its credentials file is and
/// the receiver's address.
/// </summary>
[Collection("readme")]
public class DocsTests
{
    const string ReadmeServer = "http://localhost:5080";
    const string DocsReceiver = "http://127.0.0.1:9000/zoom/events";

    /// <summary>The shell blocks of a doc that reach a server: a URL on this machine, or a <c>roster</c> command.</summary>
    static List<string> ServerBlocks(string doc)
        => Regex.Matches(File.ReadAllText(Path.Combine(ReadmeTests.Root, "docs", doc)), @"```sh\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .Where(b => b.Contains("localhost", StringComparison.Ordinal) || b.Contains("127.0.0.1", StringComparison.Ordinal)
                || Regex.IsMatch(b, @"(^|\$\()roster ", RegexOptions.Multiline))
            .ToList();

    [Fact]
    public void EveryServerAddressInTheDocsIsTheReadmesServerOrTheirReceiver()
    {
        var docs = Directory.GetFiles(Path.Combine(ReadmeTests.Root, "docs"), "*.md").Select(Path.GetFileName).Order().ToList();
        var addresses = docs.SelectMany(d => ServerBlocks(d!)).SelectMany(b => Regex.Matches(b, @"https?://(localhost|127\.0\.0\.1)(:\d+)?").Select(m => m.Value)).ToHashSet();
        Assert.Equal([DocsReceiver[..^"/zoom/events".Length], ReadmeServer], addresses.Order());
        // the README's servers leave the docs' receiver its port
        var receiverPort = ":" + new Uri(DocsReceiver).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(ReadmeTests.Blocks("Run"), b => Assert.DoesNotContain(receiverPort, b.Code));
        // the blocks the test below runs are all there are
        Assert.Equal(["sandbox.md", "scim.md", "webhooks.md"], docs.Where(d => ServerBlocks(d!).Count > 0));
        Assert.Single(ServerBlocks("scim.md"));
        Assert.Equal(2, ServerBlocks("sandbox.md").Count);
        Assert.Equal(3, ServerBlocks("webhooks.md").Count);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // bash, as the docs
    public async Task TheDocsShellBlocksRunAsWrittenAgainstTheReadmesServer()
    {
        var dir = TestTemp.NewFolder("roster-docs");
        try
        {
            var data = Path.Combine(dir, "data");
            await using var server = await ServerProcess.StartAsync(data);
            var credentialsFile = Path.Combine(data, "credentials.json");
            var credentials = JsonNode.Parse(await File.ReadAllTextAsync(credentialsFile))!;
            await using var receiver = await WebhookReceiver.StartAsync(credentials["webhook_secret_token"]!.GetValue<string>());

            // the README's state: its curl session's variables, and `roster` installed (the README's CLI test installs the
            // package; here the same build runs from this test's folder) and logged in as its CLI section does
            var home = Path.Combine(dir, "home");
            var tools = Path.Combine(home, ".dotnet", "tools");
            Directory.CreateDirectory(tools);
            var roster = Path.Combine(tools, "roster");
            // (on this test's runtime configuration: the shared frameworks it runs on hold what the tool's package carries)
            var bin = AppContext.BaseDirectory;
            await File.WriteAllTextAsync(roster, $"#!/bin/sh\nexec dotnet exec --runtimeconfig '{Path.Combine(bin, "Roster.Client.Tests.runtimeconfig.json")}' '{Path.Combine(bin, "roster.dll")}' \"$@\"\n");
            File.SetUnixFileMode(roster, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var env = new Dictionary<string, string>
            {
                ["HOME"] = home,
                ["PATH"] = $"{tools}:{Environment.GetEnvironmentVariable("PATH")}",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1",
                ["creds"] = credentialsFile,
                ["ACCOUNT"] = RosterApp.AccountId, ["ID"] = RosterApp.ClientId, ["SECRET"] = RosterApp.ClientSecret,
                ["TOKEN"] = await ServerProcess.TokenAsync(server.BaseUrl),
                ["KEY"] = credentials["sandbox_admin_key"]!.GetValue<string>(),
            };
            await ReadmeTests.Run(dir, env, "bash", "-euo", "pipefail", "-c",
                $"roster login --base-url {server.BaseUrl}/v2 --account-id \"$ACCOUNT\" --client-id \"$ID\" --client-secret \"$SECRET\"");
            // the repository's root, where the docs' commands name src/Roster.Server/data: a copy of its layout here
            var root = Path.Combine(dir, "repo");
            Directory.CreateDirectory(root);

            async Task<string> RunBlock(string block)
                => await ReadmeTests.Run(root, env, "bash", "-euo", "pipefail", "-c", block
                    .Replace("src/Roster.Server/data/credentials.json", credentialsFile)
                    .Replace(ReadmeServer, server.BaseUrl)
                    .Replace(DocsReceiver, receiver.Url));

            // A block that serves until Ctrl+C, as a reader runs it: in its own process group, until it says it is ready; a
            // user created then shows as a printed line and reaches the app it forwards to; Ctrl+C (SIGINT to the group)
            // ends it cleanly, and the subscription it made is gone.
            async Task ListenUntilAnEvent(string block)
            {
                using var api = await ServerProcess.ClientAsync(server.BaseUrl);
                async Task<int> Subscriptions() => JsonNode.Parse(await api.GetStringAsync("/v2/marketplace/app/event_subscription?user_id=me&account_id=" + RosterApp.AccountId))!
                    ["event_subscriptions"]!.AsArray().Count;
                var before = await Subscriptions();
                var info = new System.Diagnostics.ProcessStartInfo("setsid") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { "bash", "-euo", "pipefail", "-c", block.Replace("src/Roster.Server/data/credentials.json", credentialsFile)
                    .Replace(DocsReceiver, receiver.Url) }) info.ArgumentList.Add(a);
                foreach (var (k, v) in env) info.Environment[k] = v;
                using var listen = System.Diagnostics.Process.Start(info)!;
                var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
                listen.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
                listen.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
                listen.BeginOutputReadLine();
                listen.BeginErrorReadLine();
                try
                {
                    async Task Until(Func<bool> done, string what)
                    {
                        for (var i = 0; i < 240 && !done(); i++)
                        {
                            Assert.False(listen.HasExited, $"the block ended before {what}:\n{string.Join('\n', output)}");
                            await Task.Delay(250);
                        }
                        Assert.True(done(), $"no {what} in 60 s:\n{string.Join('\n', output)}");
                    }
                    await Until(() => output.Any(l => l.StartsWith("Ready: ", StringComparison.Ordinal)), "Ready line");
                    Assert.Equal(before + 1, await Subscriptions());
                    var forwarded = receiver.Events.Count;
                    var made = await api.PostAsync("/v2/users", System.Net.Http.Json.JsonContent.Create(new { action = "custCreate", user_info = new { email = "first.event@example.com", type = 1 } }));
                    Assert.Equal(System.Net.HttpStatusCode.Created, made.StatusCode);
                    await Until(() => output.Any(l => l.Split('\t').Contains("user.created") && l.Contains("first.event@example.com", StringComparison.Ordinal)), "printed event");
                    await Until(() => receiver.Events.Skip(forwarded).Any(e => e.Event == "user.created" && e.SignatureValid), "forwarded event");
                    using (var interrupt = System.Diagnostics.Process.Start("kill", ["-INT", "--", "-" + listen.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                        await interrupt.WaitForExitAsync();
                    await listen.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
                    Assert.True(listen.ExitCode == 0, $"exit {listen.ExitCode}:\n{string.Join('\n', output)}");
                    Assert.Equal(before, await Subscriptions());
                }
                finally
                {
                    if (!listen.HasExited) listen.Kill(entireProcessTree: true);
                }
            }

            // webhooks.md: the first event in one command (it runs until Ctrl+C), subscribe with curl, then the command-line
            // walk through (create, a change, its delivery, delete)
            var webhooks = ServerBlocks("webhooks.md");
            await ListenUntilAnEvent(webhooks[0]);
            var subscribed = JsonNode.Parse(await RunBlock(webhooks[1]))!;
            Assert.NotEmpty(subscribed["event_subscription_id"]!.GetValue<string>());
            Assert.True(receiver.Challenges >= 1); // it was asked Zoom's URL validation, and answered
            var walk = await RunBlock(webhooks[2]);
            Assert.Contains("Queued ", walk); // every command ran (bash -e), down to the redelivery and the delete

            // sandbox.md: the command-line block (its journal verify exits 1 when not as expected), then curl
            var sandbox = ServerBlocks("sandbox.md");
            await RunBlock(sandbox[0]);
            var answers = new List<JsonNode>();
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(await RunBlock(sandbox[1])), new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read()) answers.Add(JsonNode.Parse(ref reader)!);
            Assert.Equal(2, answers.Count);
            Assert.Equal(300, answers[0]["offset_seconds"]!.GetValue<double>(), 0);
            Assert.NotNull(answers[1]["deliveries"]!.AsArray());

            // scim.md: the Okta- and Entra-shaped walk-through (bash -e: every curl -f succeeded)
            var scim = (await RunBlock(ServerBlocks("scim.md")[0])).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(0, JsonNode.Parse(scim[0])!["totalResults"]!.GetValue<int>());
            var user = JsonNode.Parse(scim[1])!;
            Assert.Equal(("inactive", "Reyes-Lee", "Account lead"), (user["status"]!.GetValue<string>(), user["last_name"]!.GetValue<string>(), user["job_title"]!.GetValue<string>()));
            Assert.Equal("204", scim[2].Trim());
        }
        finally
        {
            TestTemp.Delete(dir);
        }
    }
}
