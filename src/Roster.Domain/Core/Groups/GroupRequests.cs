using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Roster.Domain.Groups;

/// <summary>Body of POST /groups: the name, and the directory options Zoom's older documents list (accepted and echoed).</summary>
[Description("Body of POST /groups: a new group.")]
public sealed class CreateGroupRequest
{
    [JsonPropertyName("name"), Required, Description("Group name, unique in the account.")] public string? Name { get; set; }
    [JsonPropertyName("in_directory"), Description("Whether the group shows in the client's contacts directory.")] public bool? InDirectory { get; set; }
    [JsonPropertyName("directory_privacy"), Description("Who sees and finds the group in the directory: 1 everyone, 2 members see it and everyone finds it, 3 members only.")]
    public int? DirectoryPrivacy { get; set; }
}

/// <summary>Body of PATCH /groups/{groupId}.</summary>
[Description("Body of PATCH /groups/{groupId}: what changes.")]
public sealed class UpdateGroupRequest
{
    [JsonPropertyName("name"), Description("The group's new name, unique in the account.")] public string? Name { get; set; }
}

/// <summary>A user named by id or e-mail in a group call's list; the id wins when both are given.</summary>
[Description("A user, by id or by e-mail (the id wins when both are given).")]
public sealed class GroupUserRef
{
    [JsonPropertyName("id"), Description("User id.")] public string? Id { get; set; }
    [JsonPropertyName("email"), Description("E-mail address.")] public string? Email { get; set; }
}

/// <summary>Body of POST /groups/{groupId}/members (<c>members</c>) or /admins (<c>admins</c>).</summary>
[Description("Body of POST /groups/{groupId}/members (members, at most 30) or /groups/{groupId}/admins (admins, at most 10).")]
public sealed class GroupUsersRequest
{
    [JsonPropertyName("members"), Description("The users to add as members.")] public List<GroupUserRef>? Members { get; set; }
    [JsonPropertyName("admins"), Description("The users to add as admins.")] public List<GroupUserRef>? Admins { get; set; }
}

/// <summary>Body of PATCH /groups/{groupId}/members/{memberId}.</summary>
[Description("Body of PATCH /groups/{groupId}/members/{memberId}: move the member to another group, or make another of its groups its primary one.")]
public sealed class UpdateGroupMemberRequest
{
    [JsonPropertyName("action"), Required, Description("move or set_primary.")] public string? Action { get; set; }
    [JsonPropertyName("target_group_id"), Description("The group to move to, or to make primary.")] public string? TargetGroupId { get; set; }
}
