namespace Roster.Server.Hosting;

/// <summary>Body of the sandbox's client sign-in and sign-out.</summary>
public sealed record SignInRequest(string? ClientType, string? Version, string? EmployeeUniqueId);
