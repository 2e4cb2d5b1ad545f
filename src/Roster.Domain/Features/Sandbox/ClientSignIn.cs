namespace Roster.Domain.Sandbox;

/// <summary>A sign-in or sign-out from a Zoom client, as the sandbox acts it out for a user.</summary>
/// <param name="ClientType">Zoom's client types: browser, mac, win, iphone, android, ipad, chromeos, linux.</param>
/// <param name="Version">The client's version (not for a browser), e.g. <c>6.2.0.1234</c>.</param>
/// <param name="EmployeeUniqueId">The SAML attribute an SSO sign-in brings (SSO users only).</param>
public sealed record ClientSignIn(string? ClientType, string? Version, string? EmployeeUniqueId);
