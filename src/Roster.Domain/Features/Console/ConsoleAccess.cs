using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Sandbox;
using Roster.Domain.Users;

namespace Roster.Domain.AdminConsole;

/// <summary>
/// The console's rules of access, apart from HTTP: who may sign in, whether a session still stands, and which accounts
/// it reaches (its own and its sub accounts; the admin key reaches every account). An account out of reach answers
/// exactly as one that does not exist. Every action then goes through the domain services with the caller made here.
/// </summary>
public sealed class ConsoleAccess(IRosterStore store, SandboxService sandbox, PasswordHasher? passwords = null)
{
    readonly PasswordHasher _passwords = passwords ?? new PasswordHasher();

    /// <summary>The client id events and journals show for what the console did.</summary>
    public const string ClientId = "roster-console";

    static readonly IReadOnlySet<string> AdminScopes = Operations.AllAdminScopes.ToHashSet(StringComparer.Ordinal);

    /// <summary>A session for the sandbox admin key's holder, on the primary account; null when the key is wrong.</summary>
    public async Task<ConsoleIdentity?> SignInWithKeyAsync(string? key, CancellationToken ct = default)
    {
        if (!await sandbox.IsAdminKeyAsync(key, ct)) return null;
        return await store.ReadAsync(async s =>
        {
            var primary = await s.GetMetaAsync(BootstrapService.PrimaryMeta) is { } id ? await s.GetAccountAsync(id) : null;
            if (primary is null) return null;
            return new ConsoleIdentity(primary.Id, primary.OwnerId, Stamp(await s.GetMetaAsync(SandboxService.AdminKeyMeta)), AdminKey: true);
        }, ct);
    }

    /// <summary>
    /// A session for an active owner or admin whose password matches; anything else is refused with one answer (no
    /// hint whether the e-mail exists). A member with the right password is told the console is for owners and admins.
    /// The password check (slow) runs outside any transaction; callers run their cheap checks (form token, throttle) first.
    /// </summary>
    public async Task<ConsoleIdentity> SignInWithPasswordAsync(string? email, string? password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || email.Length > 128 || password.Length > 128)
            throw Fail.ConsoleSignInRefused();
        var user = await store.ReadAsync(s => s.GetUserByEmailAsync(email.Trim().ToLowerInvariant()), ct);
        // the same work whether the e-mail is known, has a password or is active: the answer's time tells nothing
        var matches = await _passwords.VerifyAsync(password, user?.PasswordHash ?? Unmatchable.Value, ct) && user?.PasswordHash is not null;
        if (!matches || user!.Status != UserStatuses.Active) throw Fail.ConsoleSignInRefused();
        if (!(user.IsOwner || user.IsAdmin)) throw Fail.ConsoleNotAdmin();
        return new ConsoleIdentity(user.AccountId, user.Id, Stamp(user.PasswordHash), AdminKey: false);
    }

    /// <summary>A hash no password is checked against in earnest: what an unknown e-mail's sign-in spends its time on.</summary>
    Lazy<string> Unmatchable => field ??= new(() => _passwords.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    /// <summary>Whether the session still stands: the same key, or its user still an active owner or admin with the same password.</summary>
    public Task<bool> StandsAsync(ConsoleIdentity who, CancellationToken ct = default) => store.ReadAsync(async s =>
    {
        if (who.AdminKey) return Stamp(await s.GetMetaAsync(SandboxService.AdminKeyMeta)) == who.Stamp;
        var user = await s.GetUserAsync(who.UserId);
        return user is not null && user.AccountId == who.AccountId && user.Status == UserStatuses.Active && (user.IsOwner || user.IsAdmin)
            && user.PasswordHash is not null && Stamp(user.PasswordHash) == who.Stamp;
    }, ct);

    /// <summary>
    /// The account <paramref name="accountId"/> as this session reaches it, with the caller its actions run as: the
    /// session's own account (as its signed-in user, with that user's role), one of its sub accounts (as the master's
    /// authority over it), or any account for the admin key. Anything else is not found.
    /// </summary>
    public Task<(Account Account, Caller Caller)> ReachAsync(ConsoleIdentity who, string accountId, CancellationToken ct = default) => store.ReadAsync(async s =>
    {
        var account = await s.GetAccountAsync(accountId) ?? throw Fail.AccountNotFound(accountId);
        if (account.Id == who.AccountId)
            return (account, who.AdminKey ? AsAccount(account) : new Caller(account.Id, who.UserId, ClientId, AdminScopes, UserLevel: true));
        if (who.AdminKey || account.ParentId == who.AccountId) return (account, AsAccount(account));
        throw Fail.AccountNotFound(accountId);
    }, ct);

    /// <summary>
    /// The account as <see cref="ReachAsync"/> reaches it, with the account's own authority (as its Server-to-Server
    /// app), for what the API gives only to account-level callers: the account's events and webhook deliveries. The
    /// session's user is an active owner or admin (checked on every request), the account's administrator.
    /// </summary>
    public async Task<(Account Account, Caller Caller)> ReachAsAccountAsync(ConsoleIdentity who, string accountId, CancellationToken ct = default)
    {
        var (account, _) = await ReachAsync(who, accountId, ct);
        return (account, AsAccount(account));
    }

    /// <summary>
    /// The caller that creates sub accounts of the session's account, or null when this session may not: the account
    /// must be a master (not itself a sub account), and the session the key's or the owner's (Zoom's admin role has no
    /// <c>Sub_Account:Edit</c>).
    /// </summary>
    public Task<Caller?> SubAccountCreatorAsync(ConsoleIdentity who, CancellationToken ct = default) => store.ReadAsync(async s =>
    {
        var account = await s.GetAccountAsync(who.AccountId);
        if (account is null || account.ParentId is not null) return null;
        if (!who.AdminKey && (await s.GetUserAsync(who.UserId))?.IsOwner != true) return null;
        return (Caller?)AsAccount(account);
    }, ct);

    /// <summary>The sub accounts of the session's account (up to <paramref name="limit"/>), each with the caller it is acted on as (as <see cref="ReachAsync"/> gives it).</summary>
    public async Task<IReadOnlyList<(Account Account, Caller Caller)>> SubAccountsAsync(ConsoleIdentity who, int limit, CancellationToken ct = default)
        => (await store.ReadAsync(s => s.ListSubAccountsAsync(who.AccountId, 0, limit), ct)).Select(a => (a, AsAccount(a))).ToList();

    static Caller AsAccount(Account account) => new(account.Id, account.OwnerId, ClientId, AdminScopes);

    /// <summary>A short fingerprint of a secret's stored hash: enough to see it changed, nothing to learn it from.</summary>
    static string Stamp(string? stored) => stored is null ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("roster-console:" + stored)))[..24];
}
