namespace Roster.Server.AdminConsole;

/// <summary>What every console page knows of its session: who, the account it belongs to, what the menu offers.</summary>
public sealed record ConsoleNav(string Who, string AccountId, bool AdminKey, bool Sandbox);
