using System.ComponentModel;

namespace Roster.Domain.Users;

/// <summary>One Virtual Background file as Zoom lists it in <c>in_meeting.virtual_background_settings.files</c>.</summary>
[Description("A Virtual Background file of a user, as uploaded and as settings list it.")]
public sealed record VirtualBackgroundFile(
    [property: JsonPropertyName("id"), Description("File id (for deleting it).")] string Id,
    [property: JsonPropertyName("is_default"), Description("Whether it is the user's default background.")] bool IsDefault,
    [property: JsonPropertyName("name"), Description("The file's name.")] string Name,
    [property: JsonPropertyName("size"), Description("Bytes.")] long Size,
    [property: JsonPropertyName("type"), Description("`image` or `video`.")] string Type);
