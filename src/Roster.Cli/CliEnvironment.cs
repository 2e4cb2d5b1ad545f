namespace Roster.Cli;

/// <summary>Where the CLI writes, what it reads from the environment, and how it makes clients (tests replace these).</summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public required Func<string, string?> Variable { get; init; }
    public required string ProfilePath { get; init; }
    public Func<Roster.Client.ZoomClientOptions, Roster.Client.ZoomClient> ClientFactory { get; init; } = o => new Roster.Client.ZoomClient(o);
    /// <summary>Makes the sandbox client from the server's URL and the sandbox admin key.</summary>
    public Func<Uri, string, Roster.Client.RosterSandboxClient> SandboxFactory { get; init; } = (url, key) => new Roster.Client.RosterSandboxClient(url, key);
    /// <summary>Standard output is a terminal (tables); otherwise lists are tab-separated lines for other programs.</summary>
    public bool OutIsTerminal { get; init; }

    public static CliEnvironment Default() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OutIsTerminal = !Console.IsOutputRedirected,
        Variable = Environment.GetEnvironmentVariable,
        ProfilePath = Environment.GetEnvironmentVariable("ROSTER_PROFILES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "roster", "profiles.json"),
    };
}
