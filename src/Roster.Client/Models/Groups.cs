using System.Text.Json.Serialization;

namespace Roster.Client.Models;

/// <summary>A user named by id or by e-mail in a call that adds group members or admins.</summary>
public sealed partial class GroupUserRef
{
    /// <summary>The user with this id.</summary>
    public static GroupUserRef ById(string id) => new() { Id = id };

    /// <summary>The user with this e-mail address.</summary>
    public static GroupUserRef ByEmail(string email) => new() { Email = email };
}

/// <summary>A user named by id or by e-mail in a call that assigns a role.</summary>
public sealed partial class RoleMemberRef
{
    /// <summary>The user with this id.</summary>
    public static RoleMemberRef ById(string id) => new() { Id = id };

    /// <summary>The user with this e-mail address.</summary>
    public static RoleMemberRef ByEmail(string email) => new() { Email = email };
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Group))]
[JsonSerializable(typeof(GroupPage))]
[JsonSerializable(typeof(CreateGroupRequest))]
[JsonSerializable(typeof(UpdateGroupRequest))]
[JsonSerializable(typeof(GroupMemberPage))]
[JsonSerializable(typeof(GroupAdminPage))]
[JsonSerializable(typeof(GroupChannels))]
[JsonSerializable(typeof(GroupUsersBody))]
[JsonSerializable(typeof(GroupUsersAdded))]
[JsonSerializable(typeof(GroupMemberActionBody))]
[JsonSerializable(typeof(Role))]
[JsonSerializable(typeof(RoleList))]
[JsonSerializable(typeof(CreateRoleRequest))]
[JsonSerializable(typeof(UpdateRoleRequest))]
[JsonSerializable(typeof(RoleMemberPage))]
[JsonSerializable(typeof(RoleMembersBody))]
[JsonSerializable(typeof(RoleMembersAdded))]
internal sealed partial class GroupsJsonContext : JsonSerializerContext;
