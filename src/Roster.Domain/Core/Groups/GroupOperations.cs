using Roster.Domain.Auth;

namespace Roster.Domain.Groups;

/// <summary>
/// The groups operations of Zoom's Users product (zoom-groups.md §1): each with its operation id, rate label and the
/// scopes that allow it. Reads take <c>group:read:admin</c> or <c>group:write:admin</c> (Zoom's catalogue lists the
/// write scope as "view and manage"), writes <c>group:write:admin</c>; <c>group:master</c> and the granular scope's
/// <c>:admin</c> and <c>:master</c> forms allow either. Groups have no user-level scopes.
/// </summary>
public static class GroupOperations
{
    const string Read = "group:read:admin", Write = "group:write:admin", Master = "group:master";

    static Operation Op(string id, RateLabel label, bool write, string granular)
        => new(id, label, write ? [Write, Master, $"{granular}:admin", $"{granular}:master"] : [Read, Write, Master, $"{granular}:admin", $"{granular}:master"], []);

    public static readonly Operation ListGroups = Op("groups", RateLabel.Medium, false, "group:read:list_groups");
    public static readonly Operation CreateGroup = Op("groupCreate", RateLabel.Light, true, "group:write:group");
    public static readonly Operation GetGroup = Op("group", RateLabel.Light, false, "group:read:group");
    public static readonly Operation UpdateGroup = Op("groupUpdate", RateLabel.Light, true, "group:update:group");
    public static readonly Operation DeleteGroup = Op("groupDelete", RateLabel.Light, true, "group:delete:group");
    public static readonly Operation ListAdmins = Op("groupAdmins", RateLabel.Medium, false, "group:read:administrator");
    public static readonly Operation AddAdmins = Op("groupAdminsCreate", RateLabel.Medium, true, "group:write:administrator");
    public static readonly Operation DeleteAdmin = Op("groupAdminsDelete", RateLabel.Light, true, "group:delete:administrator");
    /// <summary>Zoom publishes no rate label for it: Medium, as the other lists (docs/compatibility.md).</summary>
    public static readonly Operation ListChannels = Op("groupChannels", RateLabel.Medium, false, "group:read:list_channels");
    public static readonly Operation ListMembers = Op("groupMembers", RateLabel.Medium, false, "group:read:list_members");
    public static readonly Operation AddMembers = Op("groupMembersCreate", RateLabel.Medium, true, "group:write:member");
    public static readonly Operation DeleteMember = Op("groupMembersDelete", RateLabel.Light, true, "group:delete:member");
    public static readonly Operation UpdateMember = Op("updateAGroupMember", RateLabel.Medium, true, "group:update:member");

    public static readonly IReadOnlyList<Operation> All =
    [
        ListGroups, CreateGroup, GetGroup, UpdateGroup, DeleteGroup, ListAdmins, AddAdmins, DeleteAdmin, ListChannels,
        ListMembers, AddMembers, DeleteMember, UpdateMember,
    ];

    /// <summary>
    /// What a Server-to-Server app Roster makes holds for groups: the classic scopes and every operation's granular
    /// <c>:admin</c> scope (migration 0015 gives the same to apps made before).
    /// </summary>
    public static readonly string[] AppScopes =
    [
        Read, Write, Master,
        "group:read:list_groups:admin", "group:write:group:admin", "group:read:group:admin", "group:update:group:admin", "group:delete:group:admin",
        "group:read:list_members:admin", "group:write:member:admin", "group:delete:member:admin", "group:update:member:admin",
        "group:read:administrator:admin", "group:write:administrator:admin", "group:delete:administrator:admin", "group:read:list_channels:admin",
    ];
}
