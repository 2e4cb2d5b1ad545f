using Roster.Domain.Abstractions;
using Roster.Domain.AccountRoles;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Events;
using Roster.Domain.Groups;
using Roster.Domain.Sandbox;
using Roster.Domain.Settings;
using Roster.Domain.Users;
using Roster.Domain.Webhooks;

namespace Roster.Storage;

/// <summary>
/// One session of the store as the domain sees it (<see cref="IStoreSession"/>): each call goes to the part that owns
/// its table (<see cref="UserStore"/>, <see cref="AccountStore"/> …), and every part runs its statements through the
/// session's one <see cref="SqlRunner"/> (connection, transaction, kept statements, writes sent together). A part is
/// made on its first use.
/// </summary>
/// <param name="dialect">What the shared SQL needs to know of its engine.</param>
/// <param name="countShards">Over how many rows each list total is spread (see <see cref="UserStore"/>).</param>
/// <param name="oneStatement">A read without a transaction (see <see cref="SqlRunner"/>).</param>
/// <param name="statements">Prepared statements kept with the connection (SQLite's readers and writer).</param>
/// <param name="gates">The node's turns before a row's lock (<see cref="RowGates"/>), where writers run side by side.</param>
/// <param name="batchWrites">Writes whose results nobody reads are sent together (see <see cref="SqlRunner.Later"/>).</param>
internal sealed class SqlSession(DbConnection connection, DbTransaction? transaction, ISqlDialect dialect, int countShards = 1, bool oneStatement = false,
    StatementCache? statements = null, RowGates? gates = null, bool batchWrites = false) : IStoreSession
{
    readonly SqlRunner _db = new(connection, transaction, dialect, oneStatement, statements, batchWrites);
    SessionLocks? _locks;
    UserStore? _users;
    AccountStore? _accounts;
    LockStore? _lockStore;
    RelationStore? _relations;
    SettingsStore? _settings;
    GroupSettingsStore? _groupSettings;
    QuotaStore? _quotas;
    PictureStore? _pictures;
    AppStore? _apps;
    EventStore? _events;
    MetaStore? _meta;
    SnapshotStore? _snapshots;
    WebhookStore? _webhooks;
    GroupStore? _groups;
    RoleStore? _roles;

    SessionLocks Locks => _locks ??= new(_db, gates);
    UserStore Users => _users ??= new(_db, countShards, Locks);
    AccountStore Accounts => _accounts ??= new(_db, Locks);
    LockStore LockRows => _lockStore ??= new(Locks, Users, Accounts);
    RelationStore Relations => _relations ??= new(_db);
    SettingsStore Settings => _settings ??= new(_db);
    GroupSettingsStore GroupSettings => _groupSettings ??= new(_db);
    QuotaStore Quotas => _quotas ??= new(_db);
    PictureStore Pictures => _pictures ??= new(_db);
    AppStore Apps => _apps ??= new(_db);
    EventStore Events => _events ??= new(_db);
    MetaStore Meta => _meta ??= new(_db);
    SnapshotStore Snapshots => _snapshots ??= new(_db, Locks);
    WebhookStore Webhooks => _webhooks ??= new(_db);
    GroupStore Groups => _groups ??= new(_db, Locks);
    RoleStore Roles => _roles ??= new(_db);

    /// <summary>Sends the waiting writes in one round trip; a store calls it before it commits.</summary>
    public Task SendLaterAsync() => _db.SendLaterAsync();

    /// <summary>Gives back the node's turns; called once the transaction has committed or rolled back.</summary>
    public void LeaveQueues() => _locks?.LeaveQueues();

    /// <summary>Events after <c>(@Tx, @Seq)</c> in order, of the account <c>@accountId</c> or of every account.</summary>
    internal static string EventsAfterSql(ISqlDialect dialect, bool ofAccount) => EventStore.EventsAfterSql(dialect, ofAccount);

    // ---- ILockStore ----
    public Task<User?> LockUserAsync(string id) => LockRows.LockUserAsync(id);
    public Task<Account?> LockAccountAsync(string id) => LockRows.LockAccountAsync(id);
    public Task LockAsync(string name) => LockRows.LockAsync(name);

    // ---- IAccountStore ----
    public Task<Account?> GetAccountAsync(string id) => Accounts.GetAccountAsync(id);
    public Task InsertAccountAsync(Account account) => Accounts.InsertAccountAsync(account);
    public Task UpdateAccountAsync(Account account) => Accounts.UpdateAccountAsync(account);
    public Task<int> CountSubAccountsAsync(string masterId) => Accounts.CountSubAccountsAsync(masterId);
    public Task<IReadOnlyList<Account>> ListSubAccountsAsync(string masterId, long afterSeq, int limit) => Accounts.ListSubAccountsAsync(masterId, afterSeq, limit);
    public Task<long> NextAccountNumberAsync() => Accounts.NextAccountNumberAsync();

    // ---- IUserStore ----
    public Task<User?> GetUserAsync(string id) => Users.GetUserAsync(id);
    public Task<User?> GetUserByEmailAsync(string email) => Users.GetUserByEmailAsync(email);
    public Task<IReadOnlyList<User>> GetUsersByEmployeeUniqueIdAsync(string accountId, string employeeUniqueId) => Users.GetUsersByEmployeeUniqueIdAsync(accountId, employeeUniqueId);
    public Task<User?> GetUserByInviteTokenAsync(string inviteToken) => Users.GetUserByInviteTokenAsync(inviteToken);
    public Task<bool> VanityNameTakenAsync(string vanityName, string? exceptUserId) => Users.VanityNameTakenAsync(vanityName, exceptUserId);
    public Task<bool> PmiTakenAsync(long pmi, string? exceptUserId) => Users.PmiTakenAsync(pmi, exceptUserId);
    public Task InsertUserAsync(User user) => Users.InsertUserAsync(user);
    public Task InsertUsersAsync(IReadOnlyList<User> users) => Users.InsertUsersAsync(users);
    public Task<IReadOnlyList<long>> AllPmisAsync() => Users.AllPmisAsync();
    public Task UpdateUserAsync(User user) => Users.UpdateUserAsync(user);
    public Task DeleteUserAsync(string id) => Users.DeleteUserAsync(id);
    public Task<int> CountUsersAsync(string accountId, string status, string? roleId, string? featureFlag = null) => Users.CountUsersAsync(accountId, status, roleId, featureFlag);
    public Task<IReadOnlyList<User>> ListUsersAsync(string accountId, string status, string? roleId, long afterSeq, int limit, string? featureFlag = null)
        => Users.ListUsersAsync(accountId, status, roleId, afterSeq, limit, featureFlag);
    public Task<IReadOnlyList<UserListItem>> ListUserItemsAsync(string accountId, string status, string? roleId, long afterSeq, int offset, int limit, string? featureFlag = null)
        => Users.ListUserItemsAsync(accountId, status, roleId, afterSeq, offset, limit, featureFlag);
    public Task<IReadOnlyList<User>> BrowseUsersAsync(string accountId, string status, int? type, string? roleId, string? prefix, long afterSeq, int limit)
        => Users.BrowseUsersAsync(accountId, status, type, roleId, prefix, afterSeq, limit);
    public Task<int> CountSeatHoldersAsync(string accountId, string? exceptUserId) => Users.CountSeatHoldersAsync(accountId, exceptUserId);
    public Task<IReadOnlyList<UserTally>> TallyUsersAsync(string accountId) => Users.TallyUsersAsync(accountId);

    // ---- IRelationStore ----
    public Task<IReadOnlyList<Assistant>> ListAssistantsAsync(string userId) => Relations.ListAssistantsAsync(userId);
    public Task<IReadOnlyList<Assistant>> ListSchedulersAsync(string assistantId) => Relations.ListSchedulersAsync(assistantId);
    public Task InsertAssistantAsync(Assistant assistant) => Relations.InsertAssistantAsync(assistant);
    public Task<bool> DeleteAssistantAsync(string userId, string assistantId) => Relations.DeleteAssistantAsync(userId, assistantId);
    public Task DeleteAllAssistantsAsync(string userId) => Relations.DeleteAllAssistantsAsync(userId);
    public Task DeleteAllSchedulersAsync(string assistantId) => Relations.DeleteAllSchedulersAsync(assistantId);

    // ---- ISettingsStore, IQuotaStore, IPictureStore ----
    public Task<string?> GetSettingsAsync(string userId) => Settings.GetSettingsAsync(userId);
    public Task SaveSettingsAsync(string userId, string json) => Settings.SaveSettingsAsync(userId, json);

    // ---- IGroupSettingsStore ----
    public Task<GroupSettingsRow?> GetGroupSettingsAsync(string groupId) => GroupSettings.GetGroupSettingsAsync(groupId);
    public Task SaveGroupSettingsAsync(string groupId, string json) => GroupSettings.SaveGroupSettingsAsync(groupId, json);
    public Task SaveGroupLocksAsync(string groupId, string json) => GroupSettings.SaveGroupLocksAsync(groupId, json);
    public Task SaveGroupRegistrationAsync(string groupId, string json) => GroupSettings.SaveGroupRegistrationAsync(groupId, json);
    public Task<SettingsLayers> GetSettingsLayersAsync(string userId) => GroupSettings.GetSettingsLayersAsync(userId);
    public Task<int> CountEmailChangesSinceAsync(string userId, DateTimeOffset since) => Quotas.CountEmailChangesSinceAsync(userId, since);
    public Task InsertEmailChangeAsync(string userId, DateTimeOffset at) => Quotas.InsertEmailChangeAsync(userId, at);
    public Task<long> IncrementDailyAsync(string accountId, string day, string key) => Quotas.IncrementDailyAsync(accountId, day, key);
    public Task SavePictureAsync(Picture picture) => Pictures.SavePictureAsync(picture);
    public Task DeletePicturesOfAsync(string userId) => Pictures.DeletePicturesOfAsync(userId);
    public Task<Picture?> GetPictureAsync(string id) => Pictures.GetPictureAsync(id);

    // ---- IAppStore, IMetaStore ----
    public Task<OAuthApp?> GetAppAsync(string clientId) => Apps.GetAppAsync(clientId);
    public Task<IReadOnlyList<OAuthApp>> ListAppsAsync(string accountId) => Apps.ListAppsAsync(accountId);
    public Task InsertAppAsync(OAuthApp app) => Apps.InsertAppAsync(app);
    public Task UpdateAppSecretAsync(string clientId, string secretHash) => Apps.UpdateAppSecretAsync(clientId, secretHash);
    public Task UpdateAppScopesAsync(string clientId, IReadOnlyList<string> scopes) => Apps.UpdateAppScopesAsync(clientId, scopes);
    public Task InsertGrantAsync(OAuthGrant grant) => Apps.InsertGrantAsync(grant);
    public Task<OAuthGrant?> TakeGrantAsync(string tokenHash, string kind) => Apps.TakeGrantAsync(tokenHash, kind);
    public Task<string?> GetMetaAsync(string key) => Meta.GetMetaAsync(key);
    public Task SetMetaAsync(string key, string value) => Meta.SetMetaAsync(key, value);

    // ---- IEventStore ----
    public Task AppendEventAsync(DomainEvent e) => Events.AppendEventAsync(e);
    public Task<IReadOnlyList<DomainEvent>> ListEventsAsync(string? accountId, EventPosition after, int limit) => Events.ListEventsAsync(accountId, after, limit);
    public Task<IReadOnlyList<DomainEvent>> ListEventsBeforeAsync(string accountId, EventPosition before, int limit) => Events.ListEventsBeforeAsync(accountId, before, limit);
    public Task<EventPosition> LatestEventPositionAsync() => Events.LatestEventPositionAsync();
    public Task<EventPosition?> PositionOfAsync(string eventId) => Events.PositionOfAsync(eventId);
    public Task<DomainEvent?> LatestEventOfTypeAsync(string type) => Events.LatestEventOfTypeAsync(type);
    public Task<long> CountEventsAfterAsync(EventPosition after, int cap) => Events.CountEventsAfterAsync(after, cap);

    // ---- IRoleStore ----
    public Task<Role?> GetRoleAsync(string accountId, string id) => Roles.GetRoleAsync(accountId, id);
    public Task<IReadOnlyList<Role>> ListRolesAsync(string accountId) => Roles.ListRolesAsync(accountId);
    public Task InsertRoleAsync(Role role) => Roles.InsertRoleAsync(role);
    public Task UpdateRoleAsync(Role role) => Roles.UpdateRoleAsync(role);
    public Task<bool> DeleteRoleAsync(string accountId, string id) => Roles.DeleteRoleAsync(accountId, id);
    public Task<IReadOnlyDictionary<string, long>> CountRoleMembersAsync(string accountId) => Roles.CountRoleMembersAsync(accountId);
    public Task<IReadOnlyList<User>> ListRoleMembersAsync(string accountId, string roleId, long afterSeq, int offset, int limit)
        => Roles.ListRoleMembersAsync(accountId, roleId, afterSeq, offset, limit);

    // ---- ISnapshotStore ----
    public Task<SnapshotInfo> SaveSnapshotAsync(string name, DateTimeOffset at, IReadOnlyCollection<string> keptMeta) => Snapshots.SaveSnapshotAsync(name, at, keptMeta);
    public Task<SnapshotInfo?> RestoreSnapshotAsync(string name, IReadOnlyCollection<string> keptMeta) => Snapshots.RestoreSnapshotAsync(name, keptMeta);
    public Task<IReadOnlyList<SnapshotInfo>> ListSnapshotsAsync() => Snapshots.ListSnapshotsAsync();
    public Task<bool> DeleteSnapshotAsync(string name) => Snapshots.DeleteSnapshotAsync(name);
    public Task<IReadOnlyList<string>> DeleteAccountTreeAsync(string accountId) => Snapshots.DeleteAccountTreeAsync(accountId);

    // ---- IWebhookStore ----
    public Task<WebhookSubscription?> GetSubscriptionAsync(string id) => Webhooks.GetSubscriptionAsync(id);
    public Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsOfAppAsync(string clientId) => Webhooks.ListSubscriptionsOfAppAsync(clientId);
    public Task<IReadOnlyList<WebhookSubscription>> ListActiveSubscriptionsAsync() => Webhooks.ListActiveSubscriptionsAsync();
    public Task InsertSubscriptionAsync(WebhookSubscription subscription) => Webhooks.InsertSubscriptionAsync(subscription);
    public Task UpdateSubscriptionAsync(WebhookSubscription subscription) => Webhooks.UpdateSubscriptionAsync(subscription);
    public Task DeleteSubscriptionAsync(string id) => Webhooks.DeleteSubscriptionAsync(id);
    public Task SetAppWebhookSecretAsync(string clientId, string sealedSecret) => Webhooks.SetAppWebhookSecretAsync(clientId, sealedSecret);
    public Task InsertDeliveryAsync(WebhookDelivery delivery) => Webhooks.InsertDeliveryAsync(delivery);
    public Task<bool> AnyDeliveryDueAsync(DateTimeOffset storeNow, long realNowMs) => Webhooks.AnyDeliveryDueAsync(storeNow, realNowMs);
    public Task<long> CountPendingDeliveriesAsync(int cap) => Webhooks.CountPendingDeliveriesAsync(cap);
    public Task<IReadOnlyList<WebhookDelivery>> LeaseDeliveriesAsync(string owner, DateTimeOffset storeNow, long realNowMs, long leaseUntilMs, int limit)
        => Webhooks.LeaseDeliveriesAsync(owner, storeNow, realNowMs, leaseUntilMs, limit);
    public Task<bool> FinishAttemptAsync(WebhookDelivery updated, WebhookAttempt? attempt, string owner) => Webhooks.FinishAttemptAsync(updated, attempt, owner);
    public Task<WebhookDelivery?> GetDeliveryAsync(string id) => Webhooks.GetDeliveryAsync(id);
    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(DeliveryQuery query) => Webhooks.ListDeliveriesAsync(query);
    public Task<IReadOnlyList<WebhookAttempt>> ListAttemptsAsync(IReadOnlyList<string> deliveryIds) => Webhooks.ListAttemptsAsync(deliveryIds);
    public Task<int> RequeueDeliveriesAsync(string accountId, string? id, string? subscriptionId, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now)
        => Webhooks.RequeueDeliveriesAsync(accountId, id, subscriptionId, from, to, now);

    // ---- IGroupStore ----
    public Task<Group?> GetGroupAsync(string id) => Groups.GetGroupAsync(id);
    public Task<Group?> LockGroupAsync(string id) => Groups.LockGroupAsync(id);
    public Task InsertGroupAsync(Group group) => Groups.InsertGroupAsync(group);
    public Task UpdateGroupAsync(Group group) => Groups.UpdateGroupAsync(group);
    public Task DeleteGroupAsync(string id) => Groups.DeleteGroupAsync(id);
    public Task<int> CountGroupsAsync(string accountId) => Groups.CountGroupsAsync(accountId);
    public Task<IReadOnlyList<Group>> ListGroupsAsync(string accountId, long afterSeq, int limit) => Groups.ListGroupsAsync(accountId, afterSeq, limit);
    public Task<IReadOnlyList<GroupMember>> ListGroupMembersAsync(string groupId, long afterSeq, int limit) => Groups.ListGroupMembersAsync(groupId, afterSeq, limit);
    public Task<IReadOnlyList<(long Seq, string UserId)>> ListGroupMemberIdsAsync(string groupId, long afterSeq, int limit) => Groups.ListGroupMemberIdsAsync(groupId, afterSeq, limit);
    public Task<bool> IsGroupMemberAsync(string groupId, string userId) => Groups.IsGroupMemberAsync(groupId, userId);
    public Task AddGroupMembersAsync(string groupId, IReadOnlyList<string> userIds, DateTimeOffset at) => Groups.AddGroupMembersAsync(groupId, userIds, at);
    public Task<bool> RemoveGroupMemberAsync(string groupId, string userId) => Groups.RemoveGroupMemberAsync(groupId, userId);
    public Task RemoveUserFromGroupsAsync(string userId) => Groups.RemoveUserFromGroupsAsync(userId);
    public Task<IReadOnlyList<GroupAdmin>> ListGroupAdminsAsync(string groupId, long afterSeq, int limit) => Groups.ListGroupAdminsAsync(groupId, afterSeq, limit);
    public Task<int> CountGroupAdminsAsync(string groupId) => Groups.CountGroupAdminsAsync(groupId);
    public Task<bool> IsGroupAdminAsync(string groupId, string userId) => Groups.IsGroupAdminAsync(groupId, userId);
    public Task AddGroupAdminAsync(string groupId, string userId, DateTimeOffset at) => Groups.AddGroupAdminAsync(groupId, userId, at);
    public Task<bool> RemoveGroupAdminAsync(string groupId, string userId) => Groups.RemoveGroupAdminAsync(groupId, userId);
}
