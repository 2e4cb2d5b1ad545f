namespace Roster.Domain.Auth;

public static partial class Operations
{
    static Operation Op(string id, RateLabel label, string classicAdmin, string classicUser, string granular, bool master = true)
    {
        string[] admin = master
            ? [classicAdmin, $"{granular}:admin", $"{granular}:master"]
            : [classicAdmin, $"{granular}:admin"];
        string[] user = classicUser.Length == 0 ? [] : [classicUser, granular];
        return new Operation(id, label, admin, user);
    }

    const string R = "user:read:admin", W = "user:write:admin", UR = "user:read", UW = "user:write";

    public static readonly Operation SwitchUserAccount = new("switchUserAccount", RateLabel.Light, ["user:master"], []);
    public static readonly Operation GetUser = Op("user", RateLabel.Light, R, UR, "user:read:user") with
    {
        UserScopes = [UR, "user:read:user", "user_info:read", "user_profile"],
    };
    public static readonly Operation AddAssistants = Op("userAssistantCreate", RateLabel.Medium, W, UW, "user:write:assistant");
    public static readonly Operation DeleteAssistant = Op("userAssistantDelete", RateLabel.Light, W, UW, "user:delete:assistant");
    public static readonly Operation ListAssistants = Op("userAssistants", RateLabel.Medium, R, UR, "user:read:list_assistants");
    public static readonly Operation DeleteAssistants = Op("userAssistantsDelete", RateLabel.Light, W, UW, "user:delete:assistant");
    public static readonly Operation CreateUser = Op("userCreate", RateLabel.Light, W, "", "user:write:user");
    public static readonly Operation DeleteUser = Op("userDelete", RateLabel.Light, W, UW, "user:delete:user");
    public static readonly Operation CheckEmail = Op("userEmail", RateLabel.Light, R, "", "user:read:email", master: false);
    public static readonly Operation UpdateEmail = Op("userEmailUpdate", RateLabel.Light, W, UW, "user:update:email");
    public static readonly Operation UpdatePassword = Op("userPassword", RateLabel.Medium, W, UW, "user:update:password");
    public static readonly Operation GetPermissions = Op("userPermission", RateLabel.Light, R, UR, "user:read:list_permissions");
    public static readonly Operation UploadPicture = Op("userPicture", RateLabel.Medium, W, UW, "user:write:profile_picture");
    public static readonly Operation DeleteScheduler = Op("userSchedulerDelete", RateLabel.Light, W, UW, "user:delete:scheduler");
    public static readonly Operation ListSchedulers = Op("userSchedulers", RateLabel.Medium, R, UR, "user:read:list_schedulers");
    public static readonly Operation DeleteSchedulers = Op("userSchedulersDelete", RateLabel.Light, W, UW, "user:delete:scheduler");
    public static readonly Operation GetSettings = Op("userSettings", RateLabel.Medium, R, UR, "user:read:settings");
    public static readonly Operation UpdateSettings = Op("userSettingsUpdate", RateLabel.Medium, W, UW, "user:update:settings");
    public static readonly Operation RevokeSsoToken = Op("userSSOTokenDelete", RateLabel.Light, W, UW, "user:delete:token");
    public static readonly Operation UpdateStatus = Op("userStatus", RateLabel.Light, W, UW, "user:update:status");
    public static readonly Operation GetToken = Op("userToken", RateLabel.Light, R, UR, "user:read:token");
    public static readonly Operation UpdateUser = Op("userUpdate", RateLabel.Light, W, UW, "user:update:user");
    public static readonly Operation CheckVanityName = Op("userVanityName", RateLabel.Light, R, "", "user:read:pm_room", master: false);
    public static readonly Operation ListUsers = Op("users", RateLabel.Medium, R, "", "user:read:list_users");
    // Operations Zoom added to the Users API after the first 24.
    /// <summary>GET /users/me/zak: the signed-in user's own ZAK (Zoom: <c>user_zak:read</c>, granular <c>user:read:zak</c> and its admin form).</summary>
    public static readonly Operation GetOwnZak = new("userZak", RateLabel.Light, ["user:read:zak:admin"], ["user_zak:read", "user:read:zak"]);
    public static readonly Operation DeletePicture = Op("userPictureDelete", RateLabel.Light, W, UW, "user:delete:profile_picture");
    public static readonly Operation GetPresenceStatus = Op("getUserPresenceStatus", RateLabel.Light, R, UR, "user:read:presence_status");
    public static readonly Operation UpdatePresenceStatus = Op("updatePresenceStatus", RateLabel.Medium, W, UW, "user:update:presence_status");
    public static readonly Operation UploadVirtualBackground = Op("uploadVBuser", RateLabel.Medium, W, UW, "user:write:virtual_background_files");
    public static readonly Operation DeleteVirtualBackgrounds = Op("delUserVB", RateLabel.Light, W, UW, "user:delete:virtual_background_files");
    public static readonly Operation UsersSummary = Op("getUserSummary", RateLabel.Medium, R, "", "user:read:summary");

    // Zoom's master-account surface for sub accounts.
    public static readonly Operation CreateAccount = new("accountCreate", RateLabel.Light, ["account:master", "account:write:admin"], []);
    public static readonly Operation ListAccounts = new("accounts", RateLabel.Medium, ["account:master", "account:read:admin"], []);
    public static readonly Operation GetAccount = new("account", RateLabel.Light, ["account:master", "account:read:admin"], []);
    public static readonly Operation DisassociateAccount = new("accountDisassociate", RateLabel.Light, ["account:master", "account:write:admin"], []);
    public static readonly Operation UpdateAccountOptions = new("accountOptionsUpdate", RateLabel.Light, ["account:master", "account:write:admin"], []);
    public static readonly Operation ManagedDomains = new("accountManagedDomain", RateLabel.Light, ["account:master", "account:read:admin"], []);

    // Roster's own calls under /roster/v1: admin-level scopes only, never a user-level token (AuthorizeAdmin).
    /// <summary>Open invitation links set a pending user's password: as strong as creating users.</summary>
    public static readonly Operation RosterInvitations = new("rosterInvitations", RateLabel.Light, [W, "user:write:user:admin"], []);
    /// <summary>Minting an app: a scope that writes users or accounts, and never more than the caller holds.</summary>
    public static readonly Operation RosterCreateApp = new("rosterCreateApp", RateLabel.Light,
        [W, "user:write:user:admin", "account:write:admin", "account:master"], []);
    /// <summary>Checking a user token or ZAK reads a credential of a user of the caller's account.</summary>
    public static readonly Operation RosterVerifyToken = new("rosterVerifyToken", RateLabel.Light, [R, "user:read:token:admin"], []);
    /// <summary>The account's events show every change to its users: as strong as reading them.</summary>
    public static readonly Operation RosterEvents = new("rosterEvents", RateLabel.Medium, [R, "user:read:user:admin"], []);

    // Zoom's Marketplace event-subscription API: the app's own token; Zoom grants these scopes to every app (EventSubscriptionScopes).
    public static readonly Operation CreateEventSubscription = new("createEventSubscription", RateLabel.Light, ["marketplace:write:event_subscription"], []);
    public static readonly Operation ListEventSubscriptions = new("getUserEventSubscriptions", RateLabel.Light, ["marketplace:read:list_event_subscriptions"], []);
    public static readonly Operation UpdateEventSubscription = new("updateEventSubscription", RateLabel.Light, ["marketplace:update:event_subscription"], []);
    public static readonly Operation SubscribeEventSubscription = new("subscribeEventSubscription", RateLabel.Light, ["marketplace:update:event_subscription"], []);
    public static readonly Operation UnsubscribeEventSubscription = new("unSubscribeEventSubscription", RateLabel.Light, ["marketplace:delete:event_subscription"], []);
    public static readonly Operation DeleteEventSubscription = new("deleteEventSubscription", RateLabel.Light, ["marketplace:delete:event_subscription"], []);

    /// <summary>What Zoom puts in every app token besides the app's own scopes (reference zoom-webhooks.md §1.1).</summary>
    public static readonly string[] EventSubscriptionScopes =
    [
        "marketplace:delete:event_subscription", "marketplace:read:list_event_subscriptions", "marketplace:update:event_subscription",
        "marketplace:write:event_subscription",
    ];

    /// <summary>The webhook delivery log shows the bodies of changes to users: as strong as reading them.</summary>
    public static readonly Operation RosterWebhookDeliveries = new("rosterWebhookDeliveries", RateLabel.Medium, [R, "user:read:user:admin"], []);
    /// <summary>Sending bodies again to the account's endpoints: as strong as writing users.</summary>
    public static readonly Operation RosterWebhookRedeliver = new("rosterWebhookRedeliver", RateLabel.Light, [W, "user:write:user:admin"], []);

    public static readonly IReadOnlyList<Operation> UsersApi =
    [
        SwitchUserAccount, GetUser, AddAssistants, DeleteAssistant, ListAssistants, DeleteAssistants, CreateUser, DeleteUser,
        CheckEmail, UpdateEmail, UpdatePassword, GetPermissions, UploadPicture, DeleteScheduler, ListSchedulers, DeleteSchedulers,
        GetSettings, UpdateSettings, RevokeSsoToken, UpdateStatus, GetToken, UpdateUser, CheckVanityName, ListUsers,
        GetOwnZak, DeletePicture, GetPresenceStatus, UpdatePresenceStatus, UsersSummary, UploadVirtualBackground, DeleteVirtualBackgrounds,
    ];

    /// <summary>The sub-account operations Zoom serves beside the Users API.</summary>
    public static readonly IReadOnlyList<Operation> AccountsApi = [CreateAccount, ListAccounts, GetAccount, DisassociateAccount, UpdateAccountOptions, ManagedDomains];

    /// <summary>Roster's own calls under <c>/roster/v1</c>.</summary>
    public static readonly IReadOnlyList<Operation> RosterApi =
        [RosterInvitations, RosterCreateApp, RosterVerifyToken, RosterEvents, RosterWebhookDeliveries, RosterWebhookRedeliver];

    /// <summary>Zoom's Marketplace event-subscription operations.</summary>
    public static readonly IReadOnlyList<Operation> MarketplaceApi =
    [
        CreateEventSubscription, ListEventSubscriptions, UpdateEventSubscription, SubscribeEventSubscription, UnsubscribeEventSubscription, DeleteEventSubscription,
    ];

    // Zoom's SCIM2 API (reference zoom-scim2.md §1): classic scim2, granular scim2:admin, on S2S and user-level apps alike;
    // who the token acts as must be an owner or admin (the domain). Rate labels: lists Medium, one resource Light.
    static readonly string[] Scim2 = ["scim2", "scim2:admin"];
    /// <summary>The scopes of Zoom's SCIM2 API (what a store's first-start app from before SCIM is given once).</summary>
    public static IReadOnlyList<string> ScimScopes => Scim2;
    public static readonly Operation ScimListUsers = new("userSCIM2List", RateLabel.Medium, Scim2, []);
    public static readonly Operation ScimCreateUser = new("userScim2Create", RateLabel.Light, Scim2, []);
    public static readonly Operation ScimGetUser = new("userSCIM2Get", RateLabel.Light, Scim2, []);
    public static readonly Operation ScimUpdateUser = new("userSCIM2Update", RateLabel.Light, Scim2, []);
    public static readonly Operation ScimPatchUser = new("userADSCIM2Deactivate", RateLabel.Light, Scim2, []);
    public static readonly Operation ScimDeleteUser = new("userSCIM2Delete", RateLabel.Light, Scim2, []);
    /// <summary>Roster's discovery documents (RFC 7644 §4), beyond Zoom: the same scopes, outside Zoom's quota.</summary>
    public static readonly Operation ScimDiscovery = new("rosterScim2Discovery", RateLabel.Light, Scim2, []);

    /// <summary>The SCIM2 operations Roster serves (Groups join when Zoom groups exist).</summary>
    public static readonly Operation ScimListGroups = new("groupSCIM2List", RateLabel.Medium, Scim2, []);
    public static readonly Operation ScimCreateGroup = new("groupScim2Create", RateLabel.Light, Scim2, []);
    public static readonly Operation ScimGetGroup = new("groupSCIM2Get", RateLabel.Light, Scim2, []);
    public static readonly Operation ScimPatchGroup = new("groupSCIM2Update", RateLabel.Light, Scim2, []);
    public static readonly Operation ScimDeleteGroup = new("groupSCIM2Delete", RateLabel.Light, Scim2, []);
    public static readonly IReadOnlyList<Operation> ScimApi =
        [ScimListUsers, ScimCreateUser, ScimGetUser, ScimUpdateUser, ScimPatchUser, ScimDeleteUser, ScimListGroups, ScimCreateGroup, ScimGetGroup, ScimPatchGroup, ScimDeleteGroup, ScimDiscovery];

    /// <summary>Every scope a Server-to-Server app made by Roster's first start holds (with <c>user:read:zak:admin</c>: its owner's own ZAK).</summary>
    public static readonly string[] AllAdminScopes =
    [
        "user:read:admin", "user:write:admin", "user:master", "account:master", "account:read:admin", "account:write:admin", "user:read:zak:admin",
        .. Groups.GroupOperations.AppScopes,
        .. RoleAdminScopes,
        "scim2", "scim2:admin",
        .. Groups.GroupSettingsOperations.AppScopes,
    ];
}
