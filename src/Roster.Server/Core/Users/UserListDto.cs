using System.ComponentModel;

namespace Roster.Server.Users;

[Description("One page of GET /users.")]
public sealed class UserListDto
{
    [Description("Number of pages (deprecated by Zoom).")] public int PageCount { get; set; }
    [Description("Page number (deprecated by Zoom).")] public int PageNumber { get; set; }
    [Description("Page size used.")] public int PageSize { get; set; }
    [Description("Users across all pages.")] public int TotalRecords { get; set; }
    [Description("Token for the next page; empty on the last page.")] public string NextPageToken { get; set; } = "";
    [Description("The users of this page.")] public List<UserDto> Users { get; set; } = [];
}
