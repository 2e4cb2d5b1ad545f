namespace Roster.Domain.Sandbox;

/// <summary>The store's time, its setting, and its distance from real time.</summary>
public sealed record ClockState(DateTimeOffset Now, ClockSetting Setting, TimeSpan FromReal);
