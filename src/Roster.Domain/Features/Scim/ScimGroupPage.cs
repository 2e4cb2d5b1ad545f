namespace Roster.Domain.Scim;

/// <summary>One page of groups (without members) and how many match in all.</summary>
public sealed record ScimGroupPage(IReadOnlyList<ScimGroupView> Groups, int TotalResults, int StartIndex);
