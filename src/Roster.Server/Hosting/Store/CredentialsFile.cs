using Roster.Domain.Accounts;

namespace Roster.Server.Hosting;

/// <summary>
/// Credentials belong to a store. A SQLite store keeps them in <c>credentials.json</c> beside its file; a PostgreSQL
/// store in <c>credentials.&lt;store id&gt;.json</c> of the data folder, so a node pointed at PostgreSQL never writes
/// over the file of a SQLite sandbox in the same folder (the SQLite folder is its store). Each file names its store.
/// </summary>
public static class CredentialsFile
{
    public static async Task<string> PathAsync(WebApplication app)
        => PathOf(app.Services.GetRequiredService<RosterOptions>(), await app.Services.GetRequiredService<BootstrapService>().StoreIdAsync());

    static string PathOf(RosterOptions options, string storeId)
        => options.PostgresConnection is null ? options.CredentialsPath : Path.Combine(options.DataDirectory, $"credentials.{storeId}.json");

    /// <summary>Writes <paramref name="fields"/> into the store's credentials file, keeping the fields it already holds.</summary>
    public static async Task<string> WriteAsync(WebApplication app, Dictionary<string, string> fields)
    {
        var options = app.Services.GetRequiredService<RosterOptions>();
        var storeId = await app.Services.GetRequiredService<BootstrapService>().StoreIdAsync();
        var path = PathOf(options, storeId);
        var credentials = File.Exists(path)
            ? JsonSerializer.Deserialize(await File.ReadAllTextAsync(path), CredentialsJson.Default.DictionaryStringString) ?? []
            : new Dictionary<string, string>();
        credentials["store_id"] = storeId;
        foreach (var (k, v) in fields) credentials[k] = v;
        DataFolder.Prepare(options.DataDirectory);
        await DataFolder.WriteSecretAsync(path, JsonSerializer.Serialize(credentials, CredentialsJson.Default.DictionaryStringString));
        return path;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class CredentialsJson : System.Text.Json.Serialization.JsonSerializerContext;
