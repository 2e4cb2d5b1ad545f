namespace Roster.Domain.Scim;

/// <summary>A member of a SCIM group: the user's id and what shows for it (its first and last name, else its e-mail).</summary>
public sealed record ScimGroupMember(string Value, string Display);
