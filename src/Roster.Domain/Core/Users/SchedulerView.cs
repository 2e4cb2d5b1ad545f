namespace Roster.Domain.Users;

public sealed record SchedulerView(string Id, string Email, long Pmi);
