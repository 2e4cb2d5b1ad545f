namespace Roster.Domain.Users;

/// <summary>An open invitation: the invited user and the name of the account that invites.</summary>
public sealed record Invitation(User User, string AccountName);
