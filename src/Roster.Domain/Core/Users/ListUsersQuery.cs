namespace Roster.Domain.Users;

/// <summary>Query of GET /users.</summary>
public sealed record ListUsersQuery(string? Status, int? PageSize, int? PageNumber, string? NextPageToken, string? RoleId, string? IncludeFields,
    string? License = null);

public sealed record UserListPage(IReadOnlyList<UserListItem> Users, int PageSize, int PageNumber, int PageCount, int TotalRecords, string NextPageToken);
