using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Abstractions;

/// <summary>
/// The store as the domain sees it. Every operation runs in one session: a read session sees one
/// consistent snapshot, a write session is one transaction that commits only if the work returns
/// (a <see cref="Errors.ZoomException"/> or any other exception rolls everything back).
/// </summary>
public interface IRosterStore
{
    Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default);
    Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken ct = default);
}

public sealed record Assistant(string UserId, string AssistantId, bool CanManageHostPrivateEvent, DateTimeOffset AddedAt);

/// <summary>Picture bytes as uploaded, with the media type recognised from their content.</summary>
public sealed record Picture(string Id, string UserId, string ContentType, byte[] Bytes);

/// <summary>One session of the store: the union of the narrow stores of each resource, over one transaction.</summary>
public interface IStoreSession : IAccountStore, IUserStore, IRelationStore, ISettingsStore, IQuotaStore, IPictureStore, IAppStore, IEventStore, IMetaStore, ISnapshotStore, Webhooks.IWebhookStore, ILockStore;

/// <summary>
/// What a write session holds against concurrent writers. A store may run writes side by side (PostgreSQL at READ
/// COMMITTED, several nodes): a plain read sees what was committed when it ran, so a rule that reads, decides and
/// writes names here what it depends on. Each lock lasts until the session ends; where writes never overlap (one
/// SQLite writer) these are plain reads and no-ops. Unique indexes decide creation races on their own.
/// </summary>
public interface ILockStore
{
    /// <summary>The user as committed now, held against every other write of that user until this session ends.</summary>
    Task<User?> LockUserAsync(string id);
    /// <summary>The account as committed now, held against every other write of that account until this session ends.</summary>
    Task<Account?> LockAccountAsync(string id);
    /// <summary>Waits for, then holds, the lock called <paramref name="name"/>: for rules over sets of rows (seats in use, subscriptions of an app) or rows that may not exist yet (a meta key).</summary>
    Task LockAsync(string name);
}

public interface IAccountStore
{
    Task<Account?> GetAccountAsync(string id);
    Task InsertAccountAsync(Account account);
    /// <summary>Writes an account's name, plan, seats, managed domains and SSO option.</summary>
    Task UpdateAccountAsync(Account account);
    Task<int> CountSubAccountsAsync(string masterId);
    Task<IReadOnlyList<Account>> ListSubAccountsAsync(string masterId, long afterSeq, int limit);
    Task<long> NextAccountNumberAsync();
}

public interface IUserStore
{
    Task<User?> GetUserAsync(string id);
    Task<User?> GetUserByEmailAsync(string email);
    /// <summary>The account's users whose SSO <c>employee_unique_id</c> is this (at most two: enough to tell it is not unique).</summary>
    Task<IReadOnlyList<User>> GetUsersByEmployeeUniqueIdAsync(string accountId, string employeeUniqueId);
    Task<User?> GetUserByInviteTokenAsync(string inviteToken);
    Task<bool> VanityNameTakenAsync(string vanityName, string? exceptUserId);
    Task<bool> PmiTakenAsync(long pmi, string? exceptUserId);
    Task InsertUserAsync(User user);
    /// <summary>Bulk path for seeding and imports: many users in the current transaction, no ids returned.</summary>
    Task InsertUsersAsync(IReadOnlyList<User> users);
    Task<IReadOnlyList<long>> AllPmisAsync();
    Task UpdateUserAsync(User user);
    Task DeleteUserAsync(string id);
    /// <param name="featureFlag">When given, only users whose settings turn this <c>feature</c> leaf on (an add-on licence, see <see cref="Users.UserLicenses"/>).</param>
    Task<int> CountUsersAsync(string accountId, string status, string? roleId, string? featureFlag = null);
    /// <summary>Keyset page: users with <c>Seq &gt; afterSeq</c> in <c>Seq</c> order.</summary>
    Task<IReadOnlyList<User>> ListUsersAsync(string accountId, string status, string? roleId, long afterSeq, int limit, string? featureFlag = null);
    /// <summary>
    /// A page of GET /users: the list items of users with <c>Seq &gt; afterSeq</c> in <c>Seq</c> order, skipping
    /// <paramref name="offset"/> of them first (only the deprecated <c>page_number</c> parameter skips).
    /// </summary>
    Task<IReadOnlyList<UserListItem>> ListUserItemsAsync(string accountId, string status, string? roleId, long afterSeq, int offset, int limit, string? featureFlag = null);
    /// <summary>
    /// The console's keyset page: users of one status with <c>Seq &gt; afterSeq</c> in <c>Seq</c> order, optionally of
    /// one type and role, and with a lower-case <paramref name="prefix"/> the e-mail, first name or last name starts with.
    /// </summary>
    Task<IReadOnlyList<User>> BrowseUsersAsync(string accountId, string status, int? type, string? roleId, string? prefix, long afterSeq, int limit);
    Task<int> CountSeatHoldersAsync(string accountId, string? exceptUserId);
    /// <summary>The account's users counted by status and type (from the kept totals, not by reading the users).</summary>
    Task<IReadOnlyList<UserTally>> TallyUsersAsync(string accountId);
}

/// <summary>How many users of an account have this status and type.</summary>
public sealed record UserTally(string Status, long Type, long N);

/// <summary>Assistants and schedulers: one relation, seen as assistants of UserId and schedulers of AssistantId.</summary>
public interface IRelationStore
{
    Task<IReadOnlyList<Assistant>> ListAssistantsAsync(string userId);
    Task<IReadOnlyList<Assistant>> ListSchedulersAsync(string assistantId);
    Task InsertAssistantAsync(Assistant assistant);
    Task<bool> DeleteAssistantAsync(string userId, string assistantId);
    Task DeleteAllAssistantsAsync(string userId);
    Task DeleteAllSchedulersAsync(string assistantId);
}

/// <summary>Settings: only the values a user changed; defaults come from the schema.</summary>
public interface ISettingsStore
{
    Task<string?> GetSettingsAsync(string userId);
    Task SaveSettingsAsync(string userId, string json);
}

/// <summary>Counters that rules read: the e-mail change log (3 per 24 h) and daily quotas.</summary>
public interface IQuotaStore
{
    Task<int> CountEmailChangesSinceAsync(string userId, DateTimeOffset since);
    Task InsertEmailChangeAsync(string userId, DateTimeOffset at);
    /// <summary>Adds one to today's counter and returns the new value.</summary>
    Task<long> IncrementDailyAsync(string accountId, string day, string key);
}

public interface IPictureStore
{
    Task SavePictureAsync(Picture picture);
    Task DeletePicturesOfAsync(string userId);
    Task<Picture?> GetPictureAsync(string id);
}

/// <summary>OAuth apps and their single-use grants.</summary>
public interface IAppStore
{
    Task<OAuthApp?> GetAppAsync(string clientId);
    /// <summary>An account's apps, oldest first.</summary>
    Task<IReadOnlyList<OAuthApp>> ListAppsAsync(string accountId);
    Task InsertAppAsync(OAuthApp app);
    Task UpdateAppSecretAsync(string clientId, string secretHash);
    Task UpdateAppScopesAsync(string clientId, IReadOnlyList<string> scopes);
    Task InsertGrantAsync(OAuthGrant grant);
    /// <summary>Marks the grant used and returns it, or null when it does not exist or was used before (single use).</summary>
    Task<OAuthGrant?> TakeGrantAsync(string tokenHash, string kind);
}

/// <summary>The outbox: events committed with their change.</summary>
public interface IEventStore
{
    /// <summary>Appends an event in the current transaction; it commits or rolls back with the change.</summary>
    Task AppendEventAsync(Events.DomainEvent e);
    /// <summary>
    /// Events after <paramref name="after"/> in <see cref="Events.EventPosition"/> order, of one account or (null) of the
    /// whole store; only those no concurrent transaction can still precede, so nothing is ever missed by reading on.
    /// </summary>
    Task<IReadOnlyList<Events.DomainEvent>> ListEventsAsync(string? accountId, Events.EventPosition after, int limit);
    /// <summary>An account's events before <paramref name="before"/>, newest first (what has settled, as the list shows).</summary>
    Task<IReadOnlyList<Events.DomainEvent>> ListEventsBeforeAsync(string accountId, Events.EventPosition before, int limit);
    /// <summary>The position of the last event a reader may see now (<see cref="Events.EventPosition.Start"/> when none).</summary>
    Task<Events.EventPosition> LatestEventPositionAsync();
    /// <summary>The position of an event this session wrote (or any committed one), by id.</summary>
    Task<Events.EventPosition?> PositionOfAsync(string eventId);
    /// <summary>The last event of <paramref name="type"/> a reader may see now, or null.</summary>
    Task<Events.DomainEvent?> LatestEventOfTypeAsync(string type);
}

/// <summary>Small key/value facts (signing keys, the cookie key ring, the primary account).</summary>
public interface IMetaStore
{
    Task<string?> GetMetaAsync(string key);
    Task SetMetaAsync(string key, string value);
}

/// <summary>Named copies of the whole state, made and restored inside the session's transaction.</summary>
public interface ISnapshotStore
{
    /// <summary>Copies the state (and the meta keys not in <paramref name="keptMeta"/>) under <paramref name="name"/>, replacing an older copy.</summary>
    Task<Sandbox.SnapshotInfo> SaveSnapshotAsync(string name, DateTimeOffset at, IReadOnlyCollection<string> keptMeta);
    /// <summary>Replaces the state with the copy (emptying rate windows and the outbox); null when there is none.</summary>
    Task<Sandbox.SnapshotInfo?> RestoreSnapshotAsync(string name, IReadOnlyCollection<string> keptMeta);
    Task<IReadOnlyList<Sandbox.SnapshotInfo>> ListSnapshotsAsync();
    Task<bool> DeleteSnapshotAsync(string name);
    /// <summary>Removes an account, its sub accounts and everything of theirs (users, settings, apps, counters, events); returns their ids.</summary>
    Task<IReadOnlyList<string>> DeleteAccountTreeAsync(string accountId);
}
