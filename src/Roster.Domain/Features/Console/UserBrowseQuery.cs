using Roster.Domain.Errors;
using Roster.Domain.Users;

namespace Roster.Domain.AdminConsole;

/// <summary>
/// What the console's user list asks for: one status (as Zoom's portal shows active, pending and deactivated users
/// apart), optionally a type and a role, and a search that matches the start of the e-mail, first name or last name.
/// Paging is by keyset (<see cref="After"/>, the last user's position), so every page costs the same at a million users.
/// </summary>
public sealed record UserBrowseQuery(string Status = UserStatuses.Active, int? Type = null, string? RoleId = null, string? Search = null, long After = 0, int PageSize = 50)
{
    public const int MaxPageSize = 300;
    public const int MaxSearch = 128;

    /// <summary>The search as the store compares it (trimmed, lower case), or null for none.</summary>
    public string? Prefix => string.IsNullOrWhiteSpace(Search) ? null : Search.Trim().ToLowerInvariant();

    /// <summary>The query's problems, each named by its field; empty when it can run.</summary>
    public IReadOnlyList<FieldError> Problems()
    {
        var problems = new List<FieldError>();
        if (!UserStatuses.All.Contains(Status)) problems.Add(new("status", "Must be active, inactive or pending."));
        if (Type is { } t && !UserTypes.All.Contains(t)) problems.Add(new("type", "Unknown user type."));
        if (RoleId is { } r && !Roles.IsKnown(r)) problems.Add(new("role", "Unknown role."));
        if (Search is { } s && (s.Trim().Length > MaxSearch || s.Any(char.IsControl))) problems.Add(new("q", $"At most {MaxSearch} characters, no control characters."));
        if (After < 0) problems.Add(new("after", "Not a position in the list."));
        if (PageSize is < 1 or > MaxPageSize) problems.Add(new("page_size", $"Between 1 and {MaxPageSize}."));
        return problems;
    }
}
