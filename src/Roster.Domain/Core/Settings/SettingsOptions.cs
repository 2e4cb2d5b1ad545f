namespace Roster.Domain.Settings;

/// <summary>The <c>option</c> query values of GET/PATCH settings.</summary>
public static class SettingsOptions
{
    public const string MeetingAuthentication = "meeting_authentication";
    public const string RecordingAuthentication = "recording_authentication";
    public const string MeetingSecurity = "meeting_security";
    public static readonly string[] All = [MeetingAuthentication, RecordingAuthentication, MeetingSecurity];
}
