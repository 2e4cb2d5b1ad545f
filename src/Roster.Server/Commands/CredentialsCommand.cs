using Roster.Domain.Accounts;
using Roster.Storage;

namespace Roster.Server.Hosting;

/// <summary>
/// <c>roster-server credentials [--rotate]</c>: the credentials of the store you point at. Where there is none it says so
/// and makes nothing: making one there would print fresh credentials of a store no server uses.
/// </summary>
public static class CredentialsCommand
{
    /// <summary>Why there is no SQLite store to show, before anything opens (and creates) it; null when there is one or the store is PostgreSQL.</summary>
    public static string? NoSqliteStore(RosterOptions options)
        => options.PostgresConnection is null && !File.Exists(options.DatabasePath)
            ? $"roster-server credentials: there is no Roster store in {options.DataDirectory} (no {Path.GetFileName(options.DatabasePath)}). " +
              "Point at the server's data folder with --data DIR (or ROSTER_DATA), or at its PostgreSQL database with --store CONN (or ROSTER_STORE); " +
              "`dotnet run --project src/Roster.Server` keeps its data in src/Roster.Server/data."
            : null;

    public static async Task<int> RunAsync(WebApplication app, bool rotate)
    {
        var accounts = app.Services.GetRequiredService<BootstrapService>();
        if (await accounts.PrimaryAsync() is not { } primary)
        {
            Console.Error.WriteLine("roster-server credentials: there is no Roster store in this PostgreSQL database (no server has started on it). " +
                "Point --store (or ROSTER_STORE) at the database your server uses.");
            return 2;
        }
        if (!rotate)
        {
            var path = await CredentialsFile.PathAsync(app);
            Console.WriteLine($"store:       {app.Services.GetRequiredService<IStoreEngine>().Description} (id {await accounts.StoreIdAsync()})");
            Console.WriteLine($"account_id:  {primary.Account.Id}");
            Console.WriteLine($"client_id:   {primary.App.ClientId}");
            Console.WriteLine($"owner_email: {primary.Owner.Email}");
            Console.WriteLine(File.Exists(path)
                ? $"secret:      in {path}"
                : "secret:      not on this machine; `roster-server credentials --rotate` makes a new one (the old one stops working)");
            return 0;
        }
        var (account, appInfo, secret, ownerEmail) = await app.Services.GetRequiredService<AppsService>().RotatePrimarySecretAsync();
        var written = await CredentialsFile.WriteAsync(app, new()
        {
            ["account_id"] = account.Id, ["client_id"] = appInfo.ClientId, ["client_secret"] = secret, ["owner_email"] = ownerEmail,
        });
        Console.WriteLine($"New client secret for {appInfo.ClientId} (the old one no longer works):");
        Console.WriteLine($"  client_secret: {secret}");
        Console.WriteLine($"  (also in {written})");
        return 0;
    }
}
