namespace Roster.Domain.Users;

/// <summary>Zoom's presence statuses (PUT /users/{userId}/presence_status and the status GET shows).</summary>
public static class PresenceStatuses
{
    public const string Available = "Available";
    public const string DoNotDisturb = "Do_Not_Disturb";
    /// <summary>
    /// What a user signed in to no Zoom client shows (never signed in, or signed out of every client, and no status set
    /// since). Zoom's GET schema does not list it, but its presence webhook does, and a client shows such a user so;
    /// a user signed in to a client never reads it (docs/compatibility.md).
    /// </summary>
    public const string Offline = "Offline";

    /// <summary>The statuses a PUT may set, in Zoom's spelling.</summary>
    public static readonly string[] Settable =
        ["Away", DoNotDisturb, Available, "In_Calendar_Event", "Presenting", "In_A_Zoom_Meeting", "On_A_Call", "Out_of_Office", "Busy"];

    /// <summary>Do-Not-Disturb length in minutes when none is given, and its bounds (Zoom's schema).</summary>
    public const int DefaultDndMinutes = 20, MinDndMinutes = 20, MaxDndMinutes = 1440;

    /// <summary>Zoom allows one update of a user's presence per minute.</summary>
    public static readonly TimeSpan UpdateInterval = TimeSpan.FromMinutes(1);

    /// <summary>The status as given, in Zoom's spelling (its schema's enum also lists the misspelt <c>Do_No_Disturb</c>), or null.</summary>
    public static string? Parse(string? status)
        => status == "Do_No_Disturb" ? DoNotDisturb : Settable.FirstOrDefault(s => s == status);
}
