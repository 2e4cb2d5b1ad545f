using System.Text.Json.Serialization;

namespace Roster.Domain.Groups;

/// <summary>Body of POST /groups: the name, and the directory options Zoom's older documents list (accepted and echoed).</summary>
public sealed class CreateGroupRequest
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("in_directory")] public bool? InDirectory { get; set; }
    [JsonPropertyName("directory_privacy")] public int? DirectoryPrivacy { get; set; }
}

/// <summary>Body of PATCH /groups/{groupId}.</summary>
public sealed class UpdateGroupRequest
{
    [JsonPropertyName("name")] public string? Name { get; set; }
}

/// <summary>A user named by id or e-mail in a group call's list; the id wins when both are given.</summary>
public sealed class GroupUserRef
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }
}

/// <summary>Body of POST /groups/{groupId}/members (<c>members</c>) or /admins (<c>admins</c>).</summary>
public sealed class GroupUsersRequest
{
    [JsonPropertyName("members")] public List<GroupUserRef>? Members { get; set; }
    [JsonPropertyName("admins")] public List<GroupUserRef>? Admins { get; set; }
}

/// <summary>Body of PATCH /groups/{groupId}/members/{memberId}.</summary>
public sealed class UpdateGroupMemberRequest
{
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("target_group_id")] public string? TargetGroupId { get; set; }
}
