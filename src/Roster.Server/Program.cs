using Roster.Server.Accounts;
using Roster.Server.Auth;
using Roster.Server.Hosting;
using Roster.Server.Http;
using Roster.Server.Users;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddRoster(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJson.Default));
builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

var app = builder.Build();
await app.BootstrapAsync();

app.UseMiddleware<ZoomErrorMiddleware>();
app.UseTrackingIds();
app.UseBodyLimits();
app.UseStatusCodePages(async ctx =>
{
    // Unknown paths and methods still answer in Zoom's shape.
    var response = ctx.HttpContext.Response;
    if (response.ContentLength is null && !response.HasStarted)
        await ZoomErrorMiddleware.Write(ctx.HttpContext, new Roster.Domain.Errors.ZoomError(response.StatusCode, response.StatusCode,
            response.StatusCode == 404 ? "Not found." : response.StatusCode == 405 ? "Method not allowed." : "Request failed."));
});

app.MapOAuth();
app.MapUsers();
app.MapAccounts();
app.MapRosterExtensions();

app.Run();

/// <summary>Entry point, visible to the in-process test host.</summary>
public partial class Program;
