namespace Roster.Domain.Scim;

/// <summary>A Zoom group as SCIM shows it: its id, name, creation time and (on GET of one group) its members.</summary>
public sealed record ScimGroupView(string Id, string DisplayName, DateTimeOffset Created, IReadOnlyList<ScimGroupMember>? Members);
