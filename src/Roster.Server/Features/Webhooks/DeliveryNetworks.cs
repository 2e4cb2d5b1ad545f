namespace Roster.Server.Webhooks;

/// <summary>
/// The networks deliveries may reach (<c>Webhooks:AllowedNetworks</c>, CIDRs, everything by default) minus those they
/// never reach (<c>Webhooks:DeniedNetworks</c>, by default the link-local ranges where clouds serve instance metadata
/// and credentials). Checked on the address actually connected to, after DNS, so a name cannot lead around it.
/// </summary>
public sealed class DeliveryNetworks
{
    public static readonly string[] DefaultDenied = ["169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128", "100.100.100.200/32"];
    readonly IPNetwork[] _allowed;
    readonly IPNetwork[] _denied;

    public DeliveryNetworks(IEnumerable<string> allowed, IEnumerable<string> denied)
    {
        static IPNetwork Parse(string cidr, string setting) => IPNetwork.TryParse(cidr.Trim(), out var n) ? n
            : throw new ArgumentException($"{setting}: '{cidr}' is not a network in CIDR notation (e.g. 10.0.0.0/8).");
        _allowed = allowed.Where(s => s.Trim().Length > 0).Select(s => Parse(s, "Webhooks:AllowedNetworks")).ToArray();
        _denied = denied.Where(s => s.Trim().Length > 0).Select(s => Parse(s, "Webhooks:DeniedNetworks")).ToArray();
    }

    public static DeliveryNetworks From(IConfiguration config)
    {
        static string[] List(IConfigurationSection section, string[] fallback)
        {
            if (section.Value is { } one) return one.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var items = section.GetChildren().Select(c => c.Value ?? "").ToArray();
            return items.Length > 0 ? items : fallback;
        }
        return new DeliveryNetworks(List(config.GetSection("Webhooks:AllowedNetworks"), []), List(config.GetSection("Webhooks:DeniedNetworks"), DefaultDenied));
    }

    public bool Allows(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (_denied.Any(n => n.Contains(address))) return false;
        return _allowed.Length == 0 || _allowed.Any(n => n.Contains(address));
    }
}
