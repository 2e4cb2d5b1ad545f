using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Users;

namespace Roster.Domain.Accounts;

/// <summary>
/// The store's first start and identity: the signing key, the store id, and the primary account with its owner and
/// first app.
/// </summary>
public sealed class BootstrapService(IRosterStore store, TimeProvider clock, AppsService apps, SecretBox? secrets = null, PasswordHasher? passwords = null)
{
    readonly SecretBox _secrets = secrets ?? new SecretBox(null);
    readonly PasswordHasher _passwords = passwords ?? new PasswordHasher();

    public const string KeyMeta = "signing_key";
    public const string PrimaryMeta = "primary_account";
    public const string PrimaryClientMeta = "primary_client";
    public const string StoreIdMeta = "store_id";

    DateTimeOffset Now => clock.GetUtcNow();

    static string NewId(int bytes = 16) => Ids.Random(bytes);

    /// <summary>
    /// The store's signing key, made on first use; sealed with the key-encryption key when one is configured (a key
    /// kept in clear by an earlier start is sealed then).
    /// </summary>
    public Task<byte[]> SigningKeyAsync(CancellationToken ct = default)
        => store.Write(async s =>
        {
            if (await s.GetMetaHeldAsync(KeyMeta) is { } existing)
            {
                var key = Convert.FromBase64String(_secrets.Open(existing));
                if (_secrets.Encrypts && !SecretBox.IsSealed(existing)) await s.SetMetaAsync(KeyMeta, _secrets.Seal(Convert.ToBase64String(key)));
                return key;
            }
            var created = RandomNumberGenerator.GetBytes(32);
            await s.SetMetaAsync(KeyMeta, _secrets.Seal(Convert.ToBase64String(created)));
            return created;
        }, ct);

    /// <summary>
    /// On an empty store: one Business account (100 seats, master option, managed domain example.com), its owner,
    /// and a Server-to-Server app holding every user and sub-account scope. On a second start: what exists.
    /// </summary>
    public async Task<BootstrapResult> BootstrapAsync(BootstrapRequest request, CancellationToken ct = default)
    {
        // The owner's password (ROSTER_OWNER_PASSWORD) matters on the first start only; it is checked and hashed
        // before the transaction, as everywhere, and not at all once the store exists.
        string? ownerHash = null;
        if (!string.IsNullOrEmpty(request.OwnerPassword) && await store.ReadAsync(s => s.GetMetaAsync(PrimaryMeta), ct) is null)
        {
            PasswordPolicy.Check(request.OwnerPassword);
            ownerHash = await _passwords.HashAsync(request.OwnerPassword, ct);
        }
        return await store.Write(async s =>
        {
            if (await s.GetMetaHeldAsync(PrimaryMeta) is { } primary)
            {
                var existing = await s.GetAccountAsync(primary) ?? throw new InvalidOperationException("primary account missing");
                var owner = await s.GetUserAsync(existing.OwnerId) ?? throw new InvalidOperationException("owner missing");
                OAuthApp? app = null;
                if (request.ClientId is not null) app = await s.GetAppAsync(request.ClientId);
                app ??= await s.GetAppAsync(await s.GetMetaAsync(PrimaryClientMeta) ?? "") ?? throw new InvalidOperationException("app missing");
                if (request.ClientId is not null && request.ClientSecret is not null && app.ClientId != request.ClientId)
                    app = await apps.InsertApp(s, existing, owner, request.ClientId, request.ClientSecret);
                else if (Operations.AllAdminScopes.Except(app.Scopes).ToArray() is { Length: > 0 } missing && missing.All(Operations.ScimScopes.Contains)
                         && app.Scopes.Contains("user:write:admin"))
                {
                    // a store from before SCIM: its first-start app, which held every admin scope, gets scim2 and scim2:admin once
                    var scopes = app.Scopes.Concat(missing).ToArray();
                    await s.UpdateAppScopesAsync(app.ClientId, scopes);
                    app = await s.GetAppAsync(app.ClientId) ?? app;
                }
                return new BootstrapResult(existing, owner, app, null, false);
            }
            var now = Now;
            var account = new Account
            {
                Id = request.AccountId ?? NewId(),
                AccountNumber = await s.NextAccountNumberAsync(),
                Name = SandboxAccountName,
                Plan = Plans.Business,
                LicensedSeats = 100,
                ManagedDomains = ["example.com"],
                MasterAccount = true,
                CreatedAt = now,
            };
            var ownerUser = NewOwner(account, request.OwnerEmail, "Account", "Owner", ownerHash, now);
            account.OwnerId = ownerUser.Id;
            await s.InsertAccountAsync(account);
            await s.InsertUserAsync(ownerUser);
            var secret = request.ClientSecret ?? NewId(24);
            var created = await apps.InsertApp(s, account, ownerUser, request.ClientId ?? NewId(12), secret, request.WebhookSecretToken);
            await s.SetMetaAsync(PrimaryMeta, account.Id);
            await s.SetMetaAsync(PrimaryClientMeta, created.ClientId);
            return new BootstrapResult(account, ownerUser, created, secret, true);
        }, ct);
    }

    /// <summary>The store's primary account, its owner and first app; null on a store no server has started (nothing is made).</summary>
    public Task<BootstrapResult?> PrimaryAsync(CancellationToken ct = default)
        => store.ReadAsync(async s =>
        {
            if (await s.GetMetaAsync(PrimaryMeta) is not { } primary || await s.GetAccountAsync(primary) is not { } account) return null;
            var owner = await s.GetUserAsync(account.OwnerId) ?? throw new InvalidOperationException("owner missing");
            var app = await s.GetAppAsync(await s.GetMetaAsync(PrimaryClientMeta) ?? "") ?? throw new InvalidOperationException("app missing");
            return new BootstrapResult(account, owner, app, null, false);
        }, ct);

    /// <summary>This store's identity (made once): credentials files name the store they belong to.</summary>
    public Task<string> StoreIdAsync(CancellationToken ct = default)
        => store.Write(async s =>
        {
            if (await s.GetMetaHeldAsync(StoreIdMeta) is { } id) return id;
            var made = NewId(12);
            await s.SetMetaAsync(StoreIdMeta, made);
            return made;
        }, ct);

    /// <summary>The name of the account the first start creates.</summary>
    public const string SandboxAccountName = "Roster Sandbox";

    /// <summary>The owner a new account is made with (the primary, a test account, a sub account).</summary>
    internal static User NewOwner(Account account, string email, string? first, string? last, string? passwordHash, DateTimeOffset now) => new()
    {
        Id = NewId(),
        AccountId = account.Id,
        Email = email.ToLowerInvariant(),
        Type = UserTypes.Licensed,
        RoleId = Roles.OwnerId,
        CreatedAt = now,
        Verified = true,
        Pmi = ProfileRules.NewPmi(),
        PasswordHash = passwordHash,
        Profile = new UserProfile { FirstName = first ?? "", LastName = last ?? "", DisplayName = $"{first} {last}".Trim(), Language = "en-US", Timezone = "" },
    };
}
