using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
namespace Roster.Domain.Users;

/// <summary>Body of PUT /users/{userId}/presence_status; <c>duration</c> (minutes) only with Do_Not_Disturb.</summary>
[Description("Body of PUT /users/{userId}/presence_status.")]
public sealed class PresenceRequest
{
    [JsonPropertyName("status"), Description("`Away`, `Do_Not_Disturb`, `Available`, `In_Calendar_Event`, `Presenting`, `In_A_Zoom_Meeting`, `On_A_Call`, `Out_of_Office` or `Busy`."), Required] public string? Status { get; set; }
    [JsonPropertyName("duration"), Description("Minutes of Do_Not_Disturb.")] public int? Duration { get; set; }
}
