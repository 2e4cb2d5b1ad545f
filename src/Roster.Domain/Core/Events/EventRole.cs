using Roster.Domain.AccountRoles;

namespace Roster.Domain.Events;

/// <summary>A role as its events show it (Zoom sends no role webhooks: these feed the events API and the console).</summary>
public sealed record EventRole(string Id, string Name, string Description, string Type, IReadOnlyList<string> Privileges)
{
    public static EventRole Of(Role r) => new(r.Id, r.Name, r.Description, r.Type, r.Privileges);
}
