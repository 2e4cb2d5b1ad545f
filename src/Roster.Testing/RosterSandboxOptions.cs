namespace Roster.Testing;

/// <summary>How <see cref="RosterSandbox.StartAsync"/> starts Roster.</summary>
public sealed class RosterSandboxOptions
{
    /// <summary>Also listen on a real loopback port (for clients that are not .NET); <see cref="RosterSandbox.BaseUrl"/> is then <c>http://127.0.0.1:port</c>.</summary>
    public bool Loopback { get; set; }
    /// <summary>Zoom's rate limits, as Zoom applies them (the default), or none.</summary>
    public bool RateLimits { get; set; } = true;
    /// <summary>A seed file (YAML or JSON) loaded before the reset point is taken.</summary>
    public string? SeedFile { get; set; }
    /// <summary>A PostgreSQL connection string (an empty database); by default a SQLite file in a temporary folder.</summary>
    public string? PostgresConnection { get; set; }
    /// <summary>Any other server setting, as in <c>appsettings.json</c> (e.g. <c>Sandbox:Journal:Capacity</c>).</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>();
}
