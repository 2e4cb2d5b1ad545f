namespace Roster.Domain.Auth;

public enum RateLabel { Light, Medium, Heavy }
