namespace Roster.Server.Webhooks;

/// <summary>The address of a delivery is outside the networks deliveries may reach.</summary>
public sealed class AddressNotAllowed(string host) : Exception($"{host} resolves only to addresses deliveries may not reach (Webhooks:AllowedNetworks / DeniedNetworks)");
