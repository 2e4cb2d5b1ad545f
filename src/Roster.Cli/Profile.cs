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
    /// <summary>A Roster server's sandbox admin key, for <c>roster sandbox …</c>.</summary>
    [JsonPropertyName("sandbox_admin_key")] public string? AdminKey { get; set; }
    /// <summary>The app's webhook secret token, for <c>roster webhooks listen</c>.</summary>
    [JsonPropertyName("webhook_secret_token")] public string? WebhookSecretToken { get; set; }

    public static Dictionary<string, Profile> Load(string path)
        => File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, Profile>>(File.ReadAllText(path)) ?? [] : [];

    /// <summary>
    /// Writes the profiles (secrets among them) readable by their owner alone: a folder it makes is 0700, the file is
    /// 0600 from its creation (written beside and moved over, so no moment shows it to others or half-written).
    /// </summary>
    public static void Save(string path, Dictionary<string, Profile> profiles)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = path + ".tmp";
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(temp, JsonSerializer.Serialize(profiles, Indented));
        }
        else
        {
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.Delete(temp);
            using var file = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            JsonSerializer.Serialize(file, profiles, Indented);
        }
        File.Move(temp, path, overwrite: true);
    }

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
