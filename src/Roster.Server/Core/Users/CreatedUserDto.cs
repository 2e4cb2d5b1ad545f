using System.ComponentModel;

namespace Roster.Server.Users;

[Description("What POST /users answers.")]
public sealed record CreatedUserDto(
    [property: Description("New user id.")] string Id,
    [property: Description("First name.")] string FirstName,
    [property: Description("Last name.")] string LastName,
    [property: Description("E-mail address.")] string Email,
    [property: Description("Plan type.")] int Type);
