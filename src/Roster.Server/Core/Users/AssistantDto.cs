using System.ComponentModel;

namespace Roster.Server.Users;

public sealed record AssistantsAddedDto(string Ids, string AddAt);

[Description("An assistant of a user.")]
public sealed record AssistantDto(
    [property: Description("User id.")] string Id,
    [property: Description("E-mail address.")] string Email,
    [property: Description("May manage the host's private events.")] bool CanManageHostPrivateEvent);

public sealed record AssistantsDto(IReadOnlyList<AssistantDto> Assistants);
