using System.Text.Json;
using System.Text.Json.Serialization;

namespace Roster.Cli;

/// <summary>A saved connection (<c>roster login</c>): base URL and credentials, in a file only its owner can read.</summary>
public sealed class Profile
{
    [JsonPropertyName("base_url")] public string? BaseUrl { get; set; }
    [JsonPropertyName("account_id")] public string? AccountId { get; set; }
    [JsonPropertyName("client_id")] public string? ClientId { get; set; }
    [JsonPropertyName("client_secret")] public string? ClientSecret { get; set; }
    [JsonPropertyName("access_token")] public string? AccessToken { get; set; }

    public static Dictionary<string, Profile> Load(string path)
        => File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, Profile>>(File.ReadAllText(path)) ?? [] : [];

    public static void Save(string path, Dictionary<string, Profile> profiles)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(profiles, new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}

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
