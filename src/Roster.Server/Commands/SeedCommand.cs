using Roster.Domain.Accounts;
using Roster.Domain.Users;

namespace Roster.Server.Hosting;

public static class SeedCommand
{
    /// <summary><c>roster-server seed --users N [--domain D] [--start K]</c>: bulk users for load tests, then exit.</summary>
    public static async Task<int> SeedAsync(this WebApplication app)
    {
        var config = app.Configuration;
        if (!int.TryParse(config["users"], out var count) || count < 1)
        {
            Console.Error.WriteLine("usage: roster-server seed --users N [--domain seed.example.com] [--start 1] [--data DIR | --store CONN]");
            return 2;
        }
        var domain = config["domain"] ?? "seed.example.com";
        var start = int.TryParse(config["start"], out var k) ? k : 1;
        var accounts = app.Services.GetRequiredService<BootstrapService>();
        var options = app.Services.GetRequiredService<RosterOptions>();
        var primary = (await accounts.BootstrapAsync(new BootstrapRequest(options.AccountId, options.ClientId, options.ClientSecret))).Account;
        var progress = new Progress<int>(n => { if (n % 100_000 == 0 || n == count) Console.WriteLine($"  {n:N0} users"); });
        try
        {
            var result = await app.Services.GetRequiredService<UserSeeder>().SeedAsync(primary.Id, count, domain, start, progress);
            Console.WriteLine($"Seeded {result.Created:N0} users in {result.Elapsed.TotalSeconds:F1} s ({result.Created / result.Elapsed.TotalSeconds:N0} users/s).");
            return 0;
        }
        catch (Roster.Domain.Errors.ZoomException e)
        {
            Console.Error.WriteLine($"roster-server seed: {e.Error.Message}");
            return 1;
        }
    }
}
