using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Storage;

namespace Roster.Server.Metrics;

/// <summary>Roster's instruments in the host: their services, the request count and the opt-in scrape endpoint.</summary>
public static class MetricsSetup
{
    /// <summary>
    /// The instruments, and the store each service is given wrapped to time its sessions. Called after <c>AddRoster</c>
    /// (which registers the store this replaces).
    /// </summary>
    public static IServiceCollection AddRosterMetrics(this IServiceCollection services, MetricsOptions options)
    {
        services.AddSingleton(options);
        services.AddMetrics();
        // the backlog counts on the engine's own store: its reads are not themselves timed while a scrape collects
        services.AddSingleton(sp => new StoreBacklog(sp.GetRequiredService<IStoreEngine>().Store, sp.GetRequiredKeyedService<TimeProvider>("real"), options.GaugeCache));
        services.AddSingleton(sp => new RosterMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredKeyedService<TimeProvider>("real"), sp.GetRequiredService<StoreBacklog>()));
        services.Replace(ServiceDescriptor.Singleton<IRosterStore>(sp => new TimedStore(sp.GetRequiredService<IStoreEngine>().Store,
            sp.GetRequiredService<RosterMetrics>(), sp.GetRequiredKeyedService<TimeProvider>("real"))));
        return services;
    }

    /// <summary>
    /// Counts every answer by operation and status (<c>roster.http.requests</c>); outermost, so the status is the one
    /// sent, after the error middleware shaped it.
    /// </summary>
    public static IApplicationBuilder UseRequestMetrics(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<RosterMetrics>();
        return app.Use(async (context, next) =>
        {
            var status = 500;
            try
            {
                await next(context);
                status = context.Response.StatusCode;
            }
            finally
            {
                metrics.Request(OperationOf(context), status);
            }
        });
    }

    /// <summary>Zoom's operation id, else the route's template, else <c>unmatched</c>: never a value from the path.</summary>
    static string OperationOf(HttpContext context)
        => context.GetEndpoint() is { } endpoint
            ? endpoint.Metadata.GetMetadata<Operation>()?.Id ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched"
            : "unmatched";

    /// <summary>The scrape endpoint, when <c>Metrics:Prometheus</c> is on, behind <see cref="MetricsAccess"/>.</summary>
    public static WebApplication MapRosterMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<MetricsOptions>();
        if (!options.Prometheus) return app;
        app.MapPrometheusScrapingEndpoint(options.Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            switch (MetricsAccess.Decide(context.Request, context.Connection.RemoteIpAddress, options.Key))
            {
                case MetricsVerdict.Allowed:
                    await next(context);
                    return;
                case MetricsVerdict.Unauthorized:
                    // the header travels on the error: the error middleware starts the response afresh
                    throw new ZoomException(Fail.InvalidAccessToken().Error with { Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" } });
                default:
                    context.Response.StatusCode = StatusCodes.Status404NotFound; // the status code pages write Zoom's body
                    return;
            }
        }), optionsName: null)
            .WithMetadata(new HttpMethodMetadata(["GET"]))
            .ExcludeFromDescription();
        return app;
    }
}
