using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Roster.Server.Metrics;

namespace Roster.Server.Hosting;

/// <summary>
/// Request metrics and traces through OpenTelemetry, exported over OTLP, and Roster's own instruments
/// (<see cref="RosterMetrics"/>) there and on an opt-in Prometheus scrape endpoint. Both are off by default:
/// <c>Telemetry:OtlpEndpoint</c> (env <c>Telemetry__OtlpEndpoint</c>), e.g. <c>http://localhost:4318</c>, turns OTLP on;
/// <c>Metrics:Prometheus=true</c> turns <c>/metrics</c> on (<see cref="MetricsOptions"/>, docs/operations.md).
/// Logs carry the request's <c>x-zm-trackingid</c> as a scope.
/// </summary>
public static class Telemetry
{
    public static WebApplicationBuilder AddRosterTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        var metrics = MetricsOptions.From(builder.Configuration);
        builder.Services.AddRosterMetrics(metrics);
        var endpoint = builder.Configuration["Telemetry:OtlpEndpoint"];
        var otlp = !string.IsNullOrEmpty(endpoint);
        if (!otlp && !metrics.Prometheus) return builder;
        var interval = int.TryParse(builder.Configuration["Telemetry:ExportIntervalMs"], out var ms) ? ms : 60_000;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("roster-server"))
            .WithMetrics(m =>
            {
                m.AddMeter(RosterMetrics.MeterName).AddAspNetCoreInstrumentation();
                if (otlp)
                    m.AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = new Uri(endpoint!.TrimEnd('/') + "/v1/metrics");
                        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                    });
                // every scrape collects afresh (the gauges that read the store keep their own count for Metrics:GaugeCacheMs)
                if (metrics.Prometheus) m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            });
        if (otlp)
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(exporter =>
                {
                    exporter.Endpoint = new Uri(endpoint!.TrimEnd('/') + "/v1/traces");
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                }));
        return builder;
    }
}
