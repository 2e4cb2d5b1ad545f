namespace Roster.Server.Hosting;

public sealed record ClockDto(string Now, bool Frozen, bool RealTime, double OffsetSeconds);

public sealed record ClockRequest(string? Now, bool? Frozen);

public sealed record AdvanceRequest(double? Seconds);
