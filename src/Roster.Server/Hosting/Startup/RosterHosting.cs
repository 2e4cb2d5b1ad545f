using Microsoft.Extensions.DependencyInjection.Extensions;
using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Users;
using Roster.Server.Auth;
using Roster.Storage;

namespace Roster.Server.Hosting;

public static class RosterHosting
{
    public static IServiceCollection AddRoster(this IServiceCollection services, IConfiguration config)
    {
        var options = RosterOptions.From(config);
        services.AddSingleton(options);
        // The one clock and the one id source of the store: nothing else reads the system clock (src/BannedSymbols.txt).
        // Real time comes from the system (tests put their manual clock here); the store's clock runs on it, moved or
        // frozen only by the sandbox, and is the TimeProvider everything else is given.
#pragma warning disable RS0030 // the composition root: the one place that names the system clock (BannedSymbols.txt)
        services.TryAddKeyedSingleton<TimeProvider>("real", TimeProvider.System);
#pragma warning restore RS0030
        services.AddSingleton(sp => new Domain.Sandbox.StoreClock(sp.GetRequiredKeyedService<TimeProvider>("real"), sp.GetRequiredService<IRosterStore>()));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<Domain.Sandbox.StoreClock>());
        services.AddSingleton(sp => new Domain.IdSource(sp.GetRequiredService<TimeProvider>()));
        // The one place that picks the engine; everything else sees IStoreEngine and the domain's IRosterStore.
        // Creating it opens nothing: migrations, keys and bootstrap are the explicit startup step (StartStoreAsync).
        services.AddSingleton(_ =>
        {
            if (options.PostgresConnection is null) DataFolder.Prepare(options.DataDirectory, Path.GetFileName(options.DatabasePath));
            return StoreEngines.Create(options.PostgresConnection, options.DatabasePath, config.GetSection("StoreTuning").Get<StoreTuning>());
        });
        services.AddSingleton<IRosterStore>(sp => sp.GetRequiredService<IStoreEngine>().Store);
        services.AddSingleton<IStoreHealth>(sp => sp.GetRequiredService<IStoreEngine>());
        services.AddSingleton(sp => sp.GetRequiredService<IStoreEngine>().RateCounter);
        services.AddSingleton(SecretBox.FromSetting(config["ROSTER_KEY_ENCRYPTION_KEY"] ?? config["Store:KeyEncryptionKey"]));
        // one password hasher per host: its cost and its queue (Passwords:Iterations, MaxWait, Concurrency) are this host's own
        services.AddSingleton(new Domain.Users.PasswordHasher(config.GetSection("Passwords").Get<Domain.Users.PasswordHashing>()));
        services.AddSingleton<AppsService>();
        services.AddSingleton<BootstrapService>();
        services.AddSingleton<TestAccountsService>();
        services.AddSingleton<SubAccountsService>();
        services.AddSingleton<AccountMovesService>();
        // The antiforgery (and later cookie) keys live in the store, so every node accepts what another issued.
        Microsoft.AspNetCore.DataProtection.DataProtectionBuilderExtensions.SetApplicationName(services.AddDataProtection(), "roster");
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
                o.XmlRepository = new StoreKeyRing(sp.GetRequiredService<IRosterStore>(), sp.GetRequiredService<SecretBox>())));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "roster_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__csrf";
            o.SuppressXFrameOptionsHeader = true; // the pages send their own, stricter (DENY)
        });
        services.AddSingleton<RosterKeys>(); // loaded by StartStoreAsync
        services.AddSingleton<UsersService>();
        services.AddSingleton<Roster.Domain.Groups.GroupsService>();
        services.AddSingleton<Roster.Domain.Groups.GroupMembersService>();
        services.AddSingleton<Roster.Domain.Groups.GroupSettingsService>();
        services.AddSingleton<Domain.AccountRoles.RolesService>();
        services.AddSingleton<Domain.Scim.ScimUsersService>();
        services.AddSingleton<Domain.Scim.ScimGroupsService>();
        services.AddSingleton<UserRelationsService>();
        services.AddSingleton<UserSettingsService>();
        services.AddSingleton<UserPicturesService>();
        services.AddSingleton<UserPresenceService>();
        services.AddSingleton<VirtualBackgroundsService>();
        services.AddSingleton<Roster.Domain.Sandbox.ClientSignIns>();
        services.AddSingleton<UserTokensService>();
        services.AddSingleton<Domain.Events.EventsService>();
        services.AddSingleton<UserSeeder>();
        services.AddSingleton<Domain.Sandbox.SandboxService>();
        services.AddSingleton<Domain.Sandbox.SeedLoader>();
        services.AddSingleton<Domain.Auth.UserOAuthService>();
        services.AddSingleton<Users.AccountFacts>();
        services.AddSingleton(sp => new Domain.Limits.RateLimiter(RateLimitOptionsFrom(config), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Domain.Limits.IRateCounter>()));
        services.AddSingleton<AccessTokens>();
        // the throttle's buckets run on real time (the "real" clock): a sandbox moving the store's clock neither refills nor empties them
        // Throttle:AddressBurst, AddressRefill, SubjectBurst, SubjectRefill, TrustFor (see GuessLimits); the defaults suit a real deployment
        services.AddSingleton(sp => new Domain.Auth.GuessThrottle(sp.GetRequiredKeyedService<TimeProvider>("real"),
            config.GetSection("Throttle").Get<Domain.Auth.GuessLimits>()));
        services.AddSingleton<FailureThrottle>();
        // What this node keeps in memory follows the store, in this order: keys first, then what is checked with them.
        services.AddSingleton<StoreKeys>();
        services.AddSingleton(sp => new Domain.Events.StoreFollower(sp.GetRequiredService<IRosterStore>(),
        [
            sp.GetRequiredService<Domain.Sandbox.StoreClock>(),
            sp.GetRequiredService<StoreKeys>(),
            sp.GetRequiredService<AccessTokens>(),
            sp.GetRequiredService<Users.AccountFacts>(),
            .. sp.GetRequiredService<Domain.Limits.IRateCounter>() is Domain.Events.IFollowsStore counter ? [counter] : Array.Empty<Domain.Events.IFollowsStore>(),
            // the sandbox's fault rules and request journal: a replaced state starts without them
            .. new Domain.Events.IFollowsStore?[] { sp.GetService<Domain.Sandbox.FaultRules>(), sp.GetService<Domain.Sandbox.RequestJournal>() }.OfType<Domain.Events.IFollowsStore>(),
        ]));
        services.AddHostedService<StoreFollowing>();
        // webhooks: the network rules and sender, the subscriptions API, the log, and this node's share of delivery
        services.AddSingleton(_ => Webhooks.DeliveryNetworks.From(config));
        services.AddSingleton<Domain.Webhooks.IWebhookSender>(sp => new Webhooks.WebhookSender(sp.GetRequiredService<Webhooks.DeliveryNetworks>()));
        services.AddSingleton(sp => new Domain.Webhooks.UrlValidation(sp.GetRequiredService<Domain.Webhooks.IWebhookSender>(),
            sp.GetRequiredService<Domain.Sandbox.StoreClock>().Real));
        services.AddSingleton<Domain.Webhooks.WebhookSubscriptionsService>();
        services.AddSingleton<Domain.Webhooks.WebhookDeliveriesService>();
        services.AddSingleton(sp => new Domain.Webhooks.WebhookDispatcher(sp.GetRequiredService<IRosterStore>(), sp.GetRequiredService<Domain.Sandbox.StoreClock>(),
            sp.GetRequiredService<SecretBox>(), sp.GetRequiredService<Domain.Webhooks.IWebhookSender>(), sp.GetRequiredService<Domain.Webhooks.UrlValidation>(),
            $"{Environment.MachineName}/{Environment.ProcessId}/{Domain.Ids.Random(4)}")
        {
            Lease = TimeSpan.FromSeconds(int.TryParse(config["Webhooks:LeaseSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var lease) && lease > 0 ? lease : 30),
        });
        if (!string.Equals(config["Webhooks:Enabled"], "false", StringComparison.OrdinalIgnoreCase)) services.AddHostedService<Webhooks.WebhookDelivering>();
        if (options.SandboxEnabled) services.AddSandboxTraffic(config);
        return services;
    }

    /// <summary><c>RateLimits:Mode</c> = <c>zoom</c> (default) or <c>off</c>; <c>RateLimits:Factor</c> scales every limit.</summary>
    public static Domain.Limits.RateLimitOptions RateLimitOptionsFrom(IConfiguration config)
    {
        var mode = string.Equals(config["RateLimits:Mode"], "off", StringComparison.OrdinalIgnoreCase)
            ? Domain.Limits.RateLimitMode.Off : Domain.Limits.RateLimitMode.Zoom;
        var factor = double.TryParse(config["RateLimits:Factor"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1.0;
        return new Domain.Limits.RateLimitOptions(mode, factor);
    }

    /// <summary>
    /// The explicit startup step, before anything is served: the schema (applied, or only checked when auto-migration
    /// is off on PostgreSQL), then the signing keys. <see cref="SchemaMismatchException"/>, a sealed key without its
    /// key-encryption key and a store out of reach stop here with one line.
    /// </summary>
    public static async Task StartStoreAsync(this WebApplication app, bool migrateOnly)
    {
        var options = app.Services.GetRequiredService<RosterOptions>();
        var engine = app.Services.GetRequiredService<IStoreEngine>();
        await engine.MigrateAsync(apply: options.AutoMigrate || migrateOnly);
        if (migrateOnly) return;
        await app.Services.GetRequiredService<Domain.Sandbox.StoreClock>().LoadAsync();
        await app.Services.GetRequiredService<StoreKeys>().LoadAsync();
        if (app.Services.GetService<Domain.Sandbox.FaultRules>() is { } faults) await faults.LoadAsync();
        await app.Services.GetRequiredService<Domain.Events.StoreFollower>().CatchUpAsync(); // the generation and position it starts from
    }

    /// <summary>
    /// First start on an empty store: creates the sandbox account, its owner and a Server-to-Server app, prints the
    /// credentials once and writes them to <c>credentials.json</c> readable by the owner only. Later starts reuse the store.
    /// </summary>
    public static async Task BootstrapAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<RosterOptions>();
        var accounts = app.Services.GetRequiredService<BootstrapService>();
        var apps = app.Services.GetRequiredService<AppsService>();
        var request = new BootstrapRequest(options.AccountId, options.ClientId, options.ClientSecret, OwnerPassword: options.OwnerPassword,
            WebhookSecretToken: options.WebhookSecretToken);
        BootstrapResult result;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                result = await accounts.BootstrapAsync(request);
                break;
            }
            catch (System.Data.Common.DbException e) when (attempt < 5)
            {
                // Nodes starting together on one PostgreSQL: another node bootstrapped first; read what it made.
                app.Logger.LogInformation("Bootstrap raced another node ({Error}); retrying", e.Message);
                await Task.Delay(100 * attempt);
            }
        }
        var log = app.Logger;
        if (options.SeedFile is { } seedFile)
        {
            // loaded on the store's first start (or the next, if that one refused the file), before the reset point:
            // the seed is part of the state a reset goes back to
            var seeder = app.Services.GetRequiredService<Domain.Sandbox.SeedLoader>();
            if (result.Created) await seeder.MarkPendingAsync();
            if (await seeder.LoadPendingAsync(async () => Domain.Sandbox.SeedDocument.Parse(await File.ReadAllTextAsync(seedFile))) is { } loaded)
                log.LogInformation("Seeded from {File}: sub accounts {Accounts}, users {Users}, apps {Apps}", seedFile, loaded.Accounts, loaded.Users, loaded.Apps);
            else log.LogInformation("The store exists: the seed file {File} is loaded on a store's first start only", seedFile);
        }
        string? adminKey = null;
        if (options.SandboxEnabled)
        {
            var sandbox = app.Services.GetRequiredService<Domain.Sandbox.SandboxService>();
            await sandbox.EnsureResetPointAsync(); // a new store: its bootstrap state is what a reset goes back to
            adminKey = await sandbox.EnsureAdminKeyAsync(options.AdminKey);
        }
        if (options.PostgresConnection is not null && !app.Services.GetRequiredService<SecretBox>().Encrypts)
            log.LogWarning("The token-signing key is kept in clear in PostgreSQL; set ROSTER_KEY_ENCRYPTION_KEY (base64 of 32 random bytes) to seal it");
        if (!result.Created)
        {
            log.LogInformation("Using store {Store} (account {AccountId})", app.Services.GetRequiredService<IStoreEngine>().Description, result.Account.Id);
            if (adminKey is not null)
            {
                // a store from before the sandbox controls: its key is made now, kept beside the other credentials
                var keyPath = await CredentialsFile.WriteAsync(app, new() { ["sandbox_admin_key"] = adminKey });
                Console.WriteLine($"Roster made a sandbox admin key for this store: {adminKey} (also in {keyPath})");
            }
            if (result.App.WebhookSecret.Length == 0)
            {
                // a store from before webhooks: the primary app's secret token is made now, kept beside the other credentials
                var (token, _) = await apps.EnsureWebhookSecretAsync(result.App.ClientId);
                var tokenPath = await CredentialsFile.WriteAsync(app, new() { ["webhook_secret_token"] = token });
                Console.WriteLine($"Roster made a webhook secret token for app {result.App.ClientId} (in {tokenPath})");
            }
            return;
        }
        var fields = new Dictionary<string, string>
        {
            ["account_id"] = result.Account.Id, ["client_id"] = result.App.ClientId, ["client_secret"] = result.ClientSecret!, ["owner_email"] = result.Owner.Email,
            ["webhook_secret_token"] = apps.WebhookSecretOf(result.App),
        };
        if (adminKey is not null) fields["sandbox_admin_key"] = adminKey;
        var path = await CredentialsFile.WriteAsync(app, fields);
        if (options.ClientSecret is null)
        {
            // Printed once, on the first start only; later starts never show the secret.
            Console.WriteLine($"Roster created account {result.Account.Id} with a Server-to-Server app:");
            Console.WriteLine($"  account_id:    {result.Account.Id}");
            Console.WriteLine($"  client_id:     {result.App.ClientId}");
            Console.WriteLine($"  client_secret: {result.ClientSecret}");
            if (adminKey is not null) Console.WriteLine($"  sandbox_admin_key: {adminKey}");
            if (options.WebhookSecretToken is null) Console.WriteLine($"  webhook_secret_token: {fields["webhook_secret_token"]}");
            Console.WriteLine($"  (also in {path})");
        }
    }
}
