using Roster.Server.AccountRoles;
using Roster.Server.Accounts;
using Roster.Server.AdminConsole;
using Roster.Server.Hosting;
using Roster.Server.Metrics;
using Roster.Server.Webhooks;

using Roster.Storage;
using Scalar.AspNetCore;
using Roster.Domain.Abstractions;
using Roster.Domain.Errors;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Scim;
using Roster.Server.Users;
using Roster.Server.Groups;

// `roster-server migrate` (or --migrate-only) applies the store's migrations and exits;
// `roster-server seed --users N [--domain D]` fills the primary account with N users and exits.
if (args.Any(a => a is "--help" or "-h" or "-?" or "help"))
{
    Console.WriteLine(ServerHelp.Text);
    return 0;
}
var rotate = args.Contains("--rotate");
var command = args.Length > 0 && args[0] is "migrate" or "seed" or "credentials" ? args[0] : args.Contains("--migrate-only") ? "migrate" : "serve";
args = args.Where(a => a is not ("migrate" or "seed" or "credentials" or "--migrate-only" or "--rotate")).ToArray();

// appsettings.json is read from the app's own folder wherever the server is started from.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
// before anything is built: building opens (and so creates) a SQLite store
if (command == "credentials" && CredentialsCommand.NoSqliteStore(RosterOptions.From(builder.Configuration)) is { } noStore)
{
    Console.Error.WriteLine(noStore);
    return 2;
}
builder.AddRosterLogging();
builder.Services.AddRoster(builder.Configuration);
builder.AddRosterTelemetry();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJson.Default);
    o.SerializerOptions.TypeInfoResolverChain.Insert(1, RolesJson.Default);
    o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
    o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
});
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    // Explicit limits (each can be set under Kestrel:Limits): small headers, prompt clients, a floor on body rates.
    var limits = k.Limits;
    var config = builder.Configuration.GetSection("Kestrel:Limits");
    limits.MaxRequestHeadersTotalSize = config.GetValue("MaxRequestHeadersTotalSize", 32 * 1024);
    limits.MaxRequestLineSize = config.GetValue("MaxRequestLineSize", 8 * 1024);
    limits.MaxRequestHeaderCount = config.GetValue("MaxRequestHeaderCount", 100);
    limits.RequestHeadersTimeout = TimeSpan.FromSeconds(config.GetValue("RequestHeadersTimeoutSeconds", 10.0));
    limits.KeepAliveTimeout = TimeSpan.FromSeconds(config.GetValue("KeepAliveTimeoutSeconds", 120.0));
    limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(
        config.GetValue("MinRequestBodyBytesPerSecond", 240.0), TimeSpan.FromSeconds(config.GetValue("MinRequestBodyGraceSeconds", 5.0)));
    limits.MaxRequestBodySize = 3 * 1024 * 1024; // pictures; JSON bodies are capped lower per request
    if (config.GetValue<long?>("MaxConcurrentConnections") is { } connections) limits.MaxConcurrentConnections = connections;
});
builder.Services.AddRosterOpenApi();
builder.Services.AddRosterConsole();

var app = builder.Build();
try
{
    await app.StartStoreAsync(migrateOnly: command == "migrate");
}
catch (Exception e) when (e is SchemaMismatchException or InvalidOperationException or ArgumentException)
{
    Console.Error.WriteLine($"roster-server: {e.Message}");
    return 2;
}
catch (System.Data.Common.DbException e)
{
    // One line, no stack: what is wrong and what to do.
    Console.Error.WriteLine($"roster-server: cannot use the store ({app.Services.GetRequiredService<IStoreEngine>().Description}): {e.Message.ReplaceLineEndings(" ")} " +
        "Check --store / ROSTER_STORE (host, port, database, user) and that the database server is running.");
    return 2;
}
if (command == "migrate")
{
    Console.WriteLine($"Store migrated to schema version {app.Services.GetRequiredService<IStoreEngine>().SchemaVersion}.");
    return 0;
}
if (command == "credentials") return await CredentialsCommand.RunAsync(app, rotate); // shows a store, never makes one
try
{
    await app.BootstrapAsync();
}
catch (Roster.Domain.Errors.ZoomException e) when (e.Error.Errors is { Count: > 0 } problems && app.Services.GetRequiredService<RosterOptions>().SeedFile is { } seed)
{
    Console.Error.WriteLine($"roster-server: {e.Error.Message} ({seed})");
    foreach (var p in problems) Console.Error.WriteLine($"  {p.Field}: {p.Message}");
    return 2;
}
catch (Roster.Domain.Errors.ZoomException e)
{
    Console.Error.WriteLine($"roster-server: the first start could not create the account: {e.Error.Message} (ROSTER_OWNER_PASSWORD must follow Zoom's password rules)");
    return 2;
}
catch (IOException e) when (app.Services.GetRequiredService<RosterOptions>().SeedFile is { } seed)
{
    Console.Error.WriteLine($"roster-server: cannot read the seed file {seed}: {e.Message}");
    return 2;
}
if (command == "seed") return await app.SeedAsync();

var sandboxEnabled = app.Services.GetRequiredService<RosterOptions>().SandboxEnabled;
app.UseRequestMetrics(); // outermost: the status counted is the one sent
if (sandboxEnabled) app.UseRequestJournal(); // outermost: it keeps what was sent
app.UseMiddleware<XmlResponseMiddleware>();
app.UseMiddleware<ZoomErrorMiddleware>();
app.UseTrackingIds();
app.UseBodyLimits();
if (sandboxEnabled) app.UseFaultInjection(); // after routing and the limits, before any endpoint runs
app.UseStatusCodePages(async ctx =>
{
    // Unknown paths and methods still answer in Zoom's shape.
    var response = ctx.HttpContext.Response;
    if (response.ContentLength is null && !response.HasStarted)
        await ZoomErrorMiddleware.Write(ctx.HttpContext, Roster.Domain.Errors.Fail.ForStatus(response.StatusCode));
});

app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/docs", o =>
{
    o.WithTitle("Roster API").WithOpenApiRoutePattern("/openapi/{documentName}.json").AddDocument("v2");
    // a reference for this server only: no links out, no AI chat, no telemetry, no client app promotion
    o.HideClientButton = true;
    o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
    o.Telemetry = false;
    o.DefaultFonts = false; // the page's fonts come from a fonts host: offline (and in closed networks) it must load nothing from outside
    o.Agent = new ScalarAgentOptions { Disabled = true };
    o.Mcp = new ScalarMcpOptions { Disabled = true };
    o.AddPreferredSecuritySchemes(OpenApiDocumentSetup.OAuthScheme);
});
app.MapGet("/", RootPage.Answer).ExcludeFromDescription(); // public, no data: where to go next
app.MapGet("/healthz", () => Results.Text("ok")).ExcludeFromDescription();
app.MapGet("/readyz", async (IStoreHealth store, HttpContext http, CancellationToken ct) =>
{
    if (await store.PingAsync(ct)) return Results.Text("ready");
    // a load balancer or client that honours it asks again when the store may be back, as the API's own 503s say
    http.Response.Headers.RetryAfter = Roster.Domain.Errors.Fail.UnavailableRetryAfter;
    return Results.Text("store unreachable", statusCode: 503);
}).ExcludeFromDescription();
app.MapOAuth();
app.MapUsers();
app.MapGroups();
app.MapGroupSettings();
app.MapScim();
app.MapAccounts();
app.MapRoles();
app.MapRosterExtensions();
app.MapWebhooks();
app.MapRosterMetrics(); // only when Metrics:Prometheus is on
if (sandboxEnabled) app.MapSandbox();
app.MapConsole(sandboxEnabled);

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the in-process test host.</summary>
public partial class Program;
