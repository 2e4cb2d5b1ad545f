namespace Roster.Domain.AdminConsole;

/// <summary>
/// Who a console session is: the holder of the sandbox admin key, or an account's owner or admin signed in with e-mail
/// and password. <see cref="Stamp"/> ends the session when what it was opened with changes (the key rotated, the
/// password changed), and is checked on every request with the user's role and status.
/// </summary>
public sealed record ConsoleIdentity(string AccountId, string UserId, string Stamp, bool AdminKey);
