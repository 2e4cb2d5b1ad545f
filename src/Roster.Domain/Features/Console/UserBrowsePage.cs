using Roster.Domain.Users;

namespace Roster.Domain.AdminConsole;

/// <summary>One page of the console's user list; <see cref="NextAfter"/> is null on the last page.</summary>
public sealed record UserBrowsePage(IReadOnlyList<User> Users, long? NextAfter);
