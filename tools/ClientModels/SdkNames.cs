namespace ClientModels;

/// <summary>
/// Which schemas of the OpenAPI document become the SDK's models, and the few places where the SDK's public names and
/// types differ from the document's. Everything else (names, types, nullability, docs) comes from the document.
/// </summary>
static class SdkNames
{
    /// <summary>Paths whose JSON bodies' and answers' schemas (and every schema they reference) are generated.</summary>
    public static readonly string[] Resources = ["/v2/users", "/v2/accounts", "/v2/groups", "/v2/roles"];

    /// <summary>Answers the SDK does not hand out as a model: it unwraps them (hand-written internal records) or drops them.</summary>
    public static readonly HashSet<string> NotGenerated = new(StringComparer.Ordinal)
    {
        "AssistantsDto", "SchedulersDto", "ExistedDto", "ExistedEmailDto", "PermissionsDto", "TokenDto", // unwrapped
        "AssistantsAddedDto", // AddAssistantsAsync returns nothing
        "JsonObject", // settings: tools/SettingsModels writes them from the settings schema
    };

    /// <summary>
    /// Bodies the SDK builds from a method's arguments (<c>UpdateStatusAsync(userId, action)</c>) and envelopes it
    /// unwraps (<c>GetManagedDomainsAsync</c> returns the list): generated, but internal, as the records they replaced were.
    /// </summary>
    public static readonly HashSet<string> Internal = new(StringComparer.Ordinal)
    {
        "StatusRequest", "EmailRequest", "PasswordRequest", "PresenceRequest", "AddAssistantsRequest", "SwitchAccountRequest",
        "ManagedDomainsDto",
        "GroupUsersRequest", "UpdateGroupMemberRequest", "AssignRoleMembersRequest", // built from AddMembersAsync's, MoveMemberAsync's, AssignAsync's arguments
    };

    /// <summary>A schema's class is its name without "Dto", except these (the SDK's names from before generation).</summary>
    public static readonly Dictionary<string, string> ClassNames = new(StringComparer.Ordinal)
    {
        ["UserListDto"] = "UserPage",
        ["PresenceDto"] = "PresenceStatus",
        ["NewUserInfo"] = "NewUser",
        ["UserUpdate"] = "UpdateUserRequest",
        ["StatusRequest"] = "StatusBody",
        ["EmailRequest"] = "EmailBody",
        ["PasswordRequest"] = "PasswordBody",
        ["PresenceRequest"] = "PresenceBody",
        ["AddAssistantsRequest"] = "AssistantAdd",
        ["SwitchAccountRequest"] = "AccountBody",
        ["AccountDto"] = "SubAccount",
        ["AccountListDto"] = "SubAccountPage",
        ["AccountOptions"] = "SubAccountOptions", // the answer's options ...
        ["SubAccountOptions"] = "SubAccountOptionsUpdate", // ... and the request's
        ["CreatedAccountDto"] = "CreatedSubAccount",
        ["CreateAccountRequest"] = "CreateSubAccountRequest",
        ["ManagedDomainsDto"] = "ManagedDomainList",
        ["GroupListDto"] = "GroupPage", // pages, as UserPage
        ["GroupMemberListDto"] = "GroupMemberPage",
        ["GroupAdminListDto"] = "GroupAdminPage",
        ["GroupUsersRequest"] = "GroupUsersBody",
        ["UpdateGroupMemberRequest"] = "GroupMemberActionBody",
        ["RoleMembersDto"] = "RoleMemberPage",
        ["AssignRoleMembersRequest"] = "RoleMembersBody",
        ["SubAccountPrivileges"] = "SubAccountPrivilegesUpdate", // the request's; the answer's SubAccountPrivilegesDto is SubAccountPrivileges
    };

    /// <summary>A property is its JSON name in PascalCase, except these (<c>Schema.json</c> for one schema's, else every schema's).</summary>
    public static readonly Dictionary<string, string> PropertyNames = new(StringComparer.Ordinal)
    {
        ["dept"] = "Department",
        ["licensed_users_count"] = "LicensedUsers",
        ["basic_users_count"] = "BasicUsers",
        ["on_prem_users_count"] = "OnPremUsers",
        ["room_users_count"] = "RoomUsers",
        ["pending_users_count"] = "PendingUsers",
        ["join_only_users_count"] = "JoinOnlyUsers",
        ["total_users_count"] = "TotalUsers",
    };

    /// <summary>
    /// Values the document says are always present that the SDK typed as nullable before its models were generated:
    /// they stay nullable, so callers' null checks (<c>user.Pmi?.ToString()</c>) keep compiling. New ones are not added here.
    /// </summary>
    public static readonly HashSet<string> KeptNullable = new(StringComparer.Ordinal)
    {
        "UserDto.pmi", "UserDto.use_pmi", "UserDto.verified", "SchedulerDto.pmi", "AssistantDto.can_manage_host_private_event",
        "AccountDto.seats", "AccountDto.created_at", "AccountDto.account_number", "CreatedAccountDto.created_at",
        "AccountOptions.share_rc", "AccountOptions.share_mc", "AccountOptions.billing_auto_renew",
    };
}
