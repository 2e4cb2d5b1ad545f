using System.ComponentModel;

namespace Roster.Server.Users;

[Description("GET /users/summary: how many users of the account there are, by type and status.")]
public sealed record UsersSummaryDto(
    [property: Description("Licensed users (type 2) that joined.")] long LicensedUsersCount,
    [property: Description("Basic users (type 1) that joined.")] long BasicUsersCount,
    [property: Description("On-prem users (type 3) that joined.")] long OnPremUsersCount,
    [property: Description("Zoom Rooms users.")] long RoomUsersCount,
    [property: Description("Users who have not accepted their invitation yet.")] long PendingUsersCount,
    [property: Description("Users without a meetings licence (type 4) that joined.")] long JoinOnlyUsersCount,
    [property: Description("Every user of the account.")] long TotalUsersCount);
