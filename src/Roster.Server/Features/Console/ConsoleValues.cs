using Roster.Domain.AdminConsole;
using Roster.Domain.Accounts;
using Roster.Domain.Users;
using Roster.Server.Http;

namespace Roster.Server.AdminConsole;

public sealed record AccountRow(Account Account, bool Home, UsersSummary Summary);
public sealed record SettingsSection(SettingsPortalSection Section, IReadOnlyList<SettingField> Fields);
public sealed record NewAccountValues(string? AccountName, string? Email, string? FirstName, string? LastName, string? Plan, string? Seats, string? Domains);
public sealed record NewAppValues(string? Name, string Type, string? Scopes, string? RedirectUris);
public sealed record NewUserValues(string Action, string? Email, string? FirstName, string? LastName, string Type);
