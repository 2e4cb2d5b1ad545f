using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Roster.Server.Hosting;

/// <summary>
/// Request metrics and traces through OpenTelemetry, exported over OTLP. Off by default; one setting turns it on:
/// <c>Telemetry:OtlpEndpoint</c> (env <c>Telemetry__OtlpEndpoint</c>), e.g. <c>http://localhost:4318</c>.
/// Logs carry the request's <c>x-zm-trackingid</c> as a scope.
/// </summary>
public static class Telemetry
{
    public static WebApplicationBuilder AddRosterTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        var endpoint = builder.Configuration["Telemetry:OtlpEndpoint"];
        if (string.IsNullOrEmpty(endpoint)) return builder;
        var interval = int.TryParse(builder.Configuration["Telemetry:ExportIntervalMs"], out var ms) ? ms : 60_000;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("roster-server"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = new Uri(endpoint.TrimEnd('/') + "/v1/metrics");
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                }))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(exporter =>
                {
                    exporter.Endpoint = new Uri(endpoint.TrimEnd('/') + "/v1/traces");
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                }));
        return builder;
    }
}
