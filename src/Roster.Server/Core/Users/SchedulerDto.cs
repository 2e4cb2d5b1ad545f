using System.ComponentModel;

namespace Roster.Server.Users;

[Description("A user for whom this user schedules.")]
public sealed record SchedulerDto(
    [property: Description("User id.")] string Id,
    [property: Description("E-mail address.")] string Email,
    [property: Description("The scheduler's PMI.")] long Pmi);

public sealed record SchedulersDto(IReadOnlyList<SchedulerDto> Schedulers);
