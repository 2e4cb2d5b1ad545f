using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Roster.Server.Users;

/// <summary>A presence status; <c>end_time</c> and <c>remaining_time</c> (minutes) only while a Do-Not-Disturb runs.</summary>
[Description("A user's presence status; end_time and remaining_time only while a Do-Not-Disturb runs.")]
public sealed record PresenceDto(
    [property: Description("Settable: `Away`, `Do_Not_Disturb`, `Available`, `In_Calendar_Event`, `Presenting`, `In_A_Zoom_Meeting`, `On_A_Call`, `Out_of_Office`, `Busy`; also shown: `Offline`, only for a user signed in to no client.")] string Status)
{
    [DataType(DataType.DateTime), Description("When a Do-Not-Disturb ends.")] public string? EndTime { get; init; }
    [Description("Minutes left of a Do-Not-Disturb.")] public long? RemainingTime { get; init; }
}
