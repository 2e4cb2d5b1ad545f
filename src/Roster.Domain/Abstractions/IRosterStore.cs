using Roster.Domain.Accounts;
using Roster.Domain.Auth;
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

public interface IStoreSession
{
    // accounts
    Task<Account?> GetAccountAsync(string id);
    Task InsertAccountAsync(Account account);
    Task<int> CountSubAccountsAsync(string masterId);
    Task<IReadOnlyList<Account>> ListSubAccountsAsync(string masterId, long afterSeq, int limit);
    Task<long> NextAccountNumberAsync();

    // users
    Task<User?> GetUserAsync(string id);
    Task<User?> GetUserByEmailAsync(string email);
    Task<User?> GetUserByInviteTokenAsync(string inviteToken);
    Task<bool> VanityNameTakenAsync(string vanityName, string? exceptUserId);
    Task<bool> PmiTakenAsync(long pmi, string? exceptUserId);
    Task InsertUserAsync(User user);
    /// <summary>Bulk path for seeding and imports: many users in the current transaction, no ids returned.</summary>
    Task InsertUsersAsync(IReadOnlyList<User> users);
    Task<IReadOnlyList<long>> AllPmisAsync();
    Task UpdateUserAsync(User user);
    Task DeleteUserAsync(string id);
    Task<int> CountUsersAsync(string accountId, string status, string? roleId);
    /// <summary>Keyset page: users with <c>Seq &gt; afterSeq</c> in <c>Seq</c> order.</summary>
    Task<IReadOnlyList<User>> ListUsersAsync(string accountId, string status, string? roleId, long afterSeq, int limit);
    /// <summary>Offset page, only for the deprecated <c>page_number</c> parameter.</summary>
    Task<IReadOnlyList<User>> ListUsersAtOffsetAsync(string accountId, string status, string? roleId, int offset, int limit);
    Task<int> CountSeatHoldersAsync(string accountId, string? exceptUserId);

    // assistants (one relation, seen as assistants of UserId and schedulers of AssistantId)
    Task<IReadOnlyList<Assistant>> ListAssistantsAsync(string userId);
    Task<IReadOnlyList<Assistant>> ListSchedulersAsync(string assistantId);
    Task InsertAssistantAsync(Assistant assistant);
    Task<bool> DeleteAssistantAsync(string userId, string assistantId);
    Task DeleteAllAssistantsAsync(string userId);
    Task DeleteAllSchedulersAsync(string assistantId);

    // settings (only the values a user changed; defaults come from the schema)
    Task<string?> GetSettingsAsync(string userId);
    Task SaveSettingsAsync(string userId, string json);

    // e-mail change log (3 changes per 24 h)
    Task<int> CountEmailChangesSinceAsync(string userId, DateTimeOffset since);
    Task InsertEmailChangeAsync(string userId, DateTimeOffset at);

    // daily quotas: adds one to today's counter and returns the new value
    Task<long> IncrementDailyAsync(string accountId, string day, string key);

    // pictures
    Task SavePictureAsync(Picture picture);
    Task DeletePicturesOfAsync(string userId);
    Task<Picture?> GetPictureAsync(string id);

    // OAuth apps
    Task<OAuthApp?> GetAppAsync(string clientId);
    Task InsertAppAsync(OAuthApp app);
    Task InsertGrantAsync(OAuthGrant grant);
    /// <summary>Marks the grant used and returns it, or null when it does not exist or was used before (single use).</summary>
    Task<OAuthGrant?> TakeGrantAsync(string tokenHash, string kind);

    // the outbox: events committed with their change
    /// <summary>Appends an event in the current transaction; it commits or rolls back with the change.</summary>
    Task AppendEventAsync(Events.DomainEvent e);
    /// <summary>Events after <paramref name="afterSeq"/> in commit order, of one account or (null) of the whole store.</summary>
    Task<IReadOnlyList<Events.DomainEvent>> ListEventsAsync(string? accountId, long afterSeq, int limit);

    // small key/value facts (signing keys)
    Task<string?> GetMetaAsync(string key);
    Task SetMetaAsync(string key, string value);
}
