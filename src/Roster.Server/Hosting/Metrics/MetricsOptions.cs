namespace Roster.Server.Metrics;

/// <summary>
/// The scrape endpoint's settings (docs/operations.md): <c>Metrics:Prometheus</c> (<c>true</c> turns <c>/metrics</c> on;
/// off by default), <c>Metrics:Path</c> (<c>/metrics</c>), <c>Metrics:Key</c> (a bearer key that lets a scraper in from
/// anywhere; without it only loopback connections not relayed by a proxy are answered) and <c>Metrics:GaugeCacheMs</c>
/// (how long a gauge read from the store is kept: 5000).
/// </summary>
public sealed record MetricsOptions(bool Prometheus, string Path, string? Key, TimeSpan GaugeCache)
{
    public static MetricsOptions From(IConfiguration config)
    {
        var path = config["Metrics:Path"];
        return new(
            string.Equals(config["Metrics:Prometheus"], "true", StringComparison.OrdinalIgnoreCase),
            string.IsNullOrEmpty(path) ? "/metrics" : path.StartsWith('/') ? path : "/" + path,
            string.IsNullOrEmpty(config["Metrics:Key"]) ? null : config["Metrics:Key"],
            TimeSpan.FromMilliseconds(int.TryParse(config["Metrics:GaugeCacheMs"], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 5000));
    }
}
