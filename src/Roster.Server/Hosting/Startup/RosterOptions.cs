namespace Roster.Server.Hosting;

/// <summary>Where Roster keeps its state, from <c>--data DIR</c>, <c>ROSTER_DATA</c>, or <c>./data</c>.</summary>
public sealed record RosterOptions(string DataDirectory, string? AccountId, string? ClientId, string? ClientSecret, string? PostgresConnection, bool AutoMigrate,
    string? OwnerPassword = null, string? AdminKey = null, bool SandboxEnabled = true, string? SeedFile = null, string? WebhookSecretToken = null)
{
    public string DatabasePath => Path.Combine(DataDirectory, "roster.db");
    public string CredentialsPath => Path.Combine(DataDirectory, "credentials.json");

    public static RosterOptions From(IConfiguration config) => new(
        Path.GetFullPath(config["data"] ?? config["ROSTER_DATA"] ?? "data"),
        NullIfEmpty(config["ROSTER_ACCOUNT_ID"]),
        NullIfEmpty(config["ROSTER_CLIENT_ID"]),
        NullIfEmpty(config["ROSTER_CLIENT_SECRET"]),
        NullIfEmpty(config["store"] ?? config["ROSTER_STORE"]),
        !string.Equals(config["ROSTER_AUTO_MIGRATE"], "false", StringComparison.OrdinalIgnoreCase),
        NullIfEmpty(config["ROSTER_OWNER_PASSWORD"]),
        NullIfEmpty(config["ROSTER_ADMIN_KEY"]),
        // a deployment that is a real directory turns the sandbox controls off: Sandbox:Enabled=false or ROSTER_SANDBOX=off
        !(string.Equals(config["Sandbox:Enabled"], "false", StringComparison.OrdinalIgnoreCase)
          || config["ROSTER_SANDBOX"] is "off" or "false"),
        NullIfEmpty(config["seed"] ?? config["ROSTER_SEED"]),
        NullIfEmpty(config["ROSTER_WEBHOOK_SECRET_TOKEN"]));

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
