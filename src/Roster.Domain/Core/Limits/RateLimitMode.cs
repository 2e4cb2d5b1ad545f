namespace Roster.Domain.Limits;

public enum RateLimitMode { Zoom, Off }
