namespace Roster.Domain.Events;

/// <summary>The event types Roster records.</summary>
public static class EventTypes
{
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserSettingsUpdated = "user.settings_updated";
    public const string UserActivated = "user.activated";
    public const string UserDeactivated = "user.deactivated";
    public const string UserDeleted = "user.deleted";
    public const string UserDisassociated = "user.disassociated";
    public const string UserInvitationAccepted = "user.invitation_accepted";
    public const string UserSignedIn = "user.signed_in";
    public const string UserSignedOut = "user.signed_out";
    public const string UserEmailChanged = "user.email_changed";
    public const string UserPasswordChanged = "user.password_changed";
    public const string UserPictureUpdated = "user.picture_updated";
    public const string UserPictureDeleted = "user.picture_deleted";
    public const string UserPresenceStatusUpdated = "user.presence_status_updated";
    public const string UserTokensRevoked = "user.tokens_revoked";
    public const string UserAccountSwitched = "user.account_switched";
    public const string UserAssistantsAdded = "user.assistants_added";
    public const string UserAssistantsDeleted = "user.assistants_deleted";
    public const string UserSchedulersDeleted = "user.schedulers_deleted";
    public const string GroupCreated = "group.created";
    public const string GroupUpdated = "group.updated";
    public const string GroupDeleted = "group.deleted";
    public const string GroupMemberAdded = "group.member_added";
    public const string GroupMemberDeleted = "group.member_deleted";
    public const string GroupAdminAdded = "group.admin_added";
    public const string GroupAdminDeleted = "group.admin_deleted";
    public const string GroupSettingsUpdated = "group.settings_updated";
    public const string GroupLockSettingsUpdated = "group.lock_settings_updated";
    public const string AccountCreated = "account.created";
    /// <summary>An account's plan, seats, domains or name changed (a seed file's <c>account</c>).</summary>
    public const string AccountUpdated = "account.updated";
    /// <summary>A sub account left its master (DELETE /accounts/{accountId}); recorded in the master's account.</summary>
    public const string AccountDisassociated = "account.disassociated";
    /// <summary>An account and everything of it were removed (a sandbox test account).</summary>
    public const string AccountDeleted = "account.deleted";
    public const string AppCreated = "app.created";
    public const string AppSecretRotated = "app.secret_rotated";
    /// <summary>A custom role was made, changed or removed (Zoom has no webhook for these).</summary>
    public const string RoleCreated = "role.created";
    public const string RoleUpdated = "role.updated";
    public const string RoleDeleted = "role.deleted";
    /// <summary>The whole state was replaced (a reset, a restored snapshot); store-wide, of no account.</summary>
    public const string StoreReplaced = "store.replaced";
    /// <summary>The sandbox moved, froze or released the store's clock; store-wide.</summary>
    public const string ClockChanged = "store.clock_changed";
    /// <summary>The sandbox's fault rules changed (the whole list is in the event); store-wide.</summary>
    public const string FaultsChanged = "store.faults_changed";
}
