using static Roster.Domain.Users.UserAccess;
using Roster.Domain.Abstractions;
using Roster.Domain.AccountRoles;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Paging;

namespace Roster.Domain.Users;

/// <summary>
/// The Users API as rules over the store: every public method is one operation, run in one store session
/// (one transaction for writes), and either completes or throws a <see cref="ZoomException"/> having changed nothing.
/// </summary>
public sealed partial class UsersService(IRosterStore store, TimeProvider clock, RosterKeys keys, Limits.RateLimiter limiter, IdSource? ids = null, PasswordHasher? passwords = null)
{
    readonly IdSource _ids = ids ?? new IdSource(clock);
    readonly PasswordHasher _passwords = passwords ?? new PasswordHasher();

    public static readonly TimeSpan PageTokenLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(30);
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 300;

    DateTimeOffset Now => clock.GetUtcNow();

    // ---- resolution and privilege ----

    /// <summary>A licensed type needs a free seat: counted under the account's seat lock, so concurrent writes never oversell.</summary>
    internal static async Task RequireSeat(IStoreSession s, Account account, int type, string? exceptUserId, string? message = null)
    {
        if (!UserTypes.IsPaid(type)) return;
        await s.LockAsync(SeatLock(account.Id));
        var seats = (await s.GetAccountAsync(account.Id))?.LicensedSeats ?? account.LicensedSeats; // as committed now
        var used = await s.CountSeatHoldersAsync(account.Id, exceptUserId);
        if (used >= seats)
            throw Fail.NoSeats(message ?? $"No available licenses: the account has {seats} licensed seats and all are in use.");
    }

    /// <summary>The lock every write that takes a seat of an account, or changes how many it has, holds.</summary>
    public static string SeatLock(string accountId) => "seats:" + accountId;

    static string NewId() => Ids.Random();

    // ---- get / list ----

    /// <param name="byUniqueId"><c>search_by_unique_id=true</c>: <paramref name="userId"/> is an SSO user's <c>employee_unique_id</c>.</param>
    public Task<User> GetAsync(Caller caller, string userId, CancellationToken ct = default, bool byUniqueId = false)
        => store.ReadAsync(async s =>
        {
            var user = byUniqueId
                ? Found(await s.GetUsersByEmployeeUniqueIdAsync(caller.AccountId, userId) is [var first, ..] ? first : null, caller, userId, Operations.GetUser)
                : await Target(s, caller, userId, Operations.GetUser);
            ThrowIfInvitationExpired(user, Now);
            return user;
        }, ct);

    /// <summary>GET /users/summary: the account's users by type and status, from the kept totals.</summary>
    public Task<UsersSummary> SummaryAsync(Caller caller, CancellationToken ct = default)
    {
        Operations.UsersSummary.Authorize(caller, targetIsSelf: false);
        return store.ReadAsync(async s => UsersSummary.Of(await s.TallyUsersAsync(caller.AccountId)), ct);
    }

    public Task<UserListPage> ListAsync(Caller caller, ListUsersQuery q, CancellationToken ct = default)
    {
        Operations.ListUsers.Authorize(caller, targetIsSelf: false);
        var status = string.IsNullOrEmpty(q.Status) ? UserStatuses.Active : q.Status;
        if (!UserStatuses.All.Contains(status)) throw Fail.InvalidField("status");
        var pageSize = q.PageSize ?? DefaultPageSize;
        if (pageSize < 1) throw Fail.InvalidField("page_size");
        pageSize = Math.Min(pageSize, MaxPageSize);
        if (q.PageNumber is < 1) throw Fail.InvalidField("page_number");
        var roleId = string.IsNullOrEmpty(q.RoleId) ? null : q.RoleId;
        var license = string.IsNullOrEmpty(q.License) ? null : q.License;
        if (license is not null && !UserLicenses.All.Contains(license)) throw Fail.InvalidField("license");
        var query = license is null ? $"{status}|{roleId}|{pageSize}" : $"{status}|{roleId}|{pageSize}|{license}";

        PageToken? token = null;
        if (!string.IsNullOrEmpty(q.NextPageToken))
        {
            if (!keys.PageTokens.TryDecode(q.NextPageToken, DomainJsonContext.Default.PageToken, out token)
                || token!.AccountId != caller.AccountId || token.Query != query
                || Now.ToUnixTimeSeconds() - token.IssuedAt > PageTokenLifetime.TotalSeconds
                || token.IssuedAt > Now.ToUnixTimeSeconds() + 60)
                throw Fail.Invalid("The next page token is invalid or expired.");
        }

        return store.ReadAsync(async s =>
        {
            int total, pageNumber;
            IReadOnlyList<UserListItem> rows;
            if (token is not null)
            {
                total = token.Total;
                pageNumber = token.PageNumber + 1;
                rows = await s.ListUserItemsAsync(caller.AccountId, status, roleId, token.AfterSeq, 0, pageSize + 1, license);
            }
            else
            {
                total = await s.CountUsersAsync(caller.AccountId, status, roleId, license);
                pageNumber = q.PageNumber ?? 1;
                var skip = (int)Math.Min(int.MaxValue, (long)(pageNumber - 1) * pageSize);
                rows = await s.ListUserItemsAsync(caller.AccountId, status, roleId, 0, skip, pageSize + 1, license);
            }
            var more = rows.Count > pageSize;
            var page = more ? rows.Take(pageSize).ToList() : rows;
            var next = more
                ? keys.PageTokens.Encode(new PageToken(caller.AccountId, query, page[^1].Seq, total, pageNumber, Now.ToUnixTimeSeconds()), DomainJsonContext.Default.PageToken)
                : "";
            var pageCount = total == 0 ? 0 : (total + pageSize - 1) / pageSize;
            return new UserListPage(page, pageSize, pageNumber, pageCount, total, next);
        }, ct);
    }

    // ---- create ----

    /// <param name="passwordHash">user_info.password hashed already (a bulk load hashes before its transaction).</param>
    public async Task<CreatedUser> CreateAsync(Caller caller, CreateUserRequest body, CancellationToken ct = default, string? passwordHash = null)
    {
        Operations.CreateUser.Authorize(caller, targetIsSelf: false);
        var info = body.UserInfo;
        var errors = new List<FieldError>();
        if (body.Action is null || !CreateActions.All.Contains(body.Action)) errors.Add(new("action", "Invalid field."));
        if (info is null) errors.Add(new("user_info", "Invalid field."));
        else
        {
            if (!ProfileRules.IsEmail(info.Email)) errors.Add(new("user_info.email", "Invalid field."));
            if (info.Type is not { } t || !UserTypes.All.Contains(t) || (t == UserTypes.None && body.Action != CreateActions.SsoCreate))
                errors.Add(new("user_info.type", "Invalid field."));
            if (!ProfileRules.IsName(info.FirstName)) errors.Add(new("user_info.first_name", "Invalid field."));
            if (!ProfileRules.IsName(info.LastName)) errors.Add(new("user_info.last_name", "Invalid field."));
            if (!ProfileRules.IsName(info.DisplayName, maxChinese: 10)) errors.Add(new("user_info.display_name", "Invalid field."));
            if (info.PlanUnitedType is { } put && !ProfileRules.PlanUnitedTypes.Contains(put)) errors.Add(new("user_info.plan_united_type", "Invalid field."));
            if (info.Feature?.ZoomOneType is { } zot && (zot == 0 || !ProfileRules.ZoomOneTypes.Contains(zot))) errors.Add(new("user_info.feature.zoom_one_type", "Invalid field."));
            if (info.LicenseInfoList is { } lic && lic.Any(l => l.LicenseType is null || !ProfileRules.LicenseTypes.Contains(l.LicenseType) || l.LicenseOption is null || string.IsNullOrEmpty(l.SubscriptionId)))
                errors.Add(new("user_info.license_info_list", "Invalid field."));
            if (body.Action == CreateActions.AutoCreate && string.IsNullOrEmpty(info.Password)) errors.Add(new("user_info.password", "Invalid field."));
        }
        if (errors.Count > 0) throw Fail.Validation([.. errors]);
        if (body.Action == CreateActions.AutoCreate) PasswordPolicy.Check(info!.Password!);
        if (body.Action == CreateActions.AutoCreate) passwordHash ??= await _passwords.HashAsync(info!.Password!, ct);
        else passwordHash = null;

        return await store.Write(async s =>
        {
            await RequireAdmin(s, caller);
            var account = await AccountOf(s, caller.AccountId);
            if (!account.IsPaid) throw Fail.NoPrivilege("Adding users requires a Pro or higher plan.");
            var email = info!.Email!.ToLowerInvariant();
            if (await s.GetUserByEmailAsync(email) is not null) throw Fail.EmailTaken(email);
            var type = info.Type!.Value;
            var action = body.Action!;
            switch (action)
            {
                case CreateActions.AutoCreate when account.ManagedDomains.Count == 0:
                    throw Fail.NoPrivilege("autoCreate is only available to accounts with a managed domain.");
                case CreateActions.AutoCreate when !account.IsManagedEmail(email):
                    throw Fail.NotManagedDomain();
                case CreateActions.SsoCreate when !account.SsoPreProvisioning:
                    throw Fail.SsoNotEnabled();
            }
            await RequireSeat(s, account, type, null);
            if (action == CreateActions.Create && limiter.Enabled) await CountInvitation(s, account);

            var now = Now;
            var user = new User
            {
                Id = _ids.NewUserId(),
                AccountId = account.Id,
                Email = email,
                Type = type,
                RoleId = Roles.MemberId,
                CreatedAt = now,
                Pmi = await FreePmi(s),
                PasswordHash = passwordHash,
                Profile = new UserProfile
                {
                    FirstName = info.FirstName ?? "",
                    LastName = info.LastName ?? "",
                    DisplayName = info.DisplayName ?? $"{info.FirstName} {info.LastName}".Trim(),
                    Timezone = "", Language = "en-US",
                    PlanUnitedType = info.PlanUnitedType,
                    ZoomOneType = info.Feature?.ZoomOneType,
                    ZoomPhone = info.Feature?.ZoomPhone,
                    DivisionIds = info.DivisionIds,
                    LicenseInfoList = info.LicenseInfoList,
                },
            };
            switch (action)
            {
                case CreateActions.Create:
                    user.Status = UserStatuses.Pending;
                    user.InviteToken = NewId() + NewId();
                    user.InviteExpiresAt = now + InvitationLifetime;
                    break;
                case CreateActions.AutoCreate:
                    user.Verified = true;
                    break;
                case CreateActions.CustCreate:
                    user.LoginType = LoginTypes.ApiUser;
                    break;
                case CreateActions.SsoCreate:
                    user.LoginType = LoginTypes.Sso;
                    user.Verified = true;
                    if (type != UserTypes.Basic) user.VanityName = await SsoVanityName(s, email);
                    break;
            }
            // user_info.group_id puts the new user in that group of the account (404/4130 for any other)
            var joined = info.GroupId is { Length: > 0 } groupId
                ? await Groups.GroupMembership.JoinAsync(s, now, await Groups.GroupMembership.GroupToJoinAsync(s, account.Id, groupId), user)
                : null;
            await s.InsertUserAsync(user);
            await Record(s, clock, caller, DomainEvent.Of(user, UserCreated.Of(user, action)));
            await Record(s, clock, caller, joined);
            return new CreatedUser(user, user.InviteToken);
        }, ct);
    }

    /// <summary>The daily invitation quota of the plan (reference §3.7), counted in the store so every node agrees.</summary>
    async Task CountInvitation(IStoreSession s, Account account)
    {
        var quota = limiter.CreateQuota(account.Plan);
        var used = await s.IncrementDailyAsync(account.Id, Now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "create");
        if (used <= quota) return;
        throw new Limits.RateDecision("Light", quota, 0, "Daily-limit", limiter.NextReset(), Fail.InvitationQuota(quota)).Refusal();
    }

    internal static async Task<long> FreePmi(IStoreSession s)
    {
        while (true)
        {
            var pmi = ProfileRules.NewPmi();
            if (!await s.PmiTakenAsync(pmi, null)) return pmi;
        }
    }

    /// <summary>ssoCreate: a personal link from the e-mail's local part, or a random one if that is invalid or taken.</summary>
    internal static async Task<string> SsoVanityName(IStoreSession s, string email)
    {
        var local = new string(email[..email.IndexOf('@')].Where(c => char.IsAsciiLetterOrDigit(c) || c == '.').ToArray());
        if (ProfileRules.IsVanityName(local) && !await s.VanityNameTakenAsync(local, null)) return local;
        while (true)
        {
            var candidate = "u" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
            if (!await s.VanityNameTakenAsync(candidate, null)) return candidate;
        }
    }

    // ---- invitations (action=create) ----

    /// <summary>Pending users of the caller's account whose invitation is still open, for its admins.</summary>
    public Task<IReadOnlyList<User>> PendingInvitationsAsync(Caller caller, CancellationToken ct = default)
    {
        Operations.RosterInvitations.AuthorizeAdmin(caller);
        return store.ReadAsync<IReadOnlyList<User>>(async s =>
        {
            await RequireAdmin(s, caller, Privileges.UserRead, "see invitations");
            var pending = await s.ListUsersAsync(caller.AccountId, UserStatuses.Pending, null, 0, int.MaxValue);
            return pending.Where(u => !u.InvitationExpired(Now) && u.InviteToken is not null).ToList();
        }, ct);
    }

    public Task<Invitation> FindInvitationAsync(string token, CancellationToken ct = default)
        => store.ReadAsync(async s =>
        {
            var user = await s.GetUserByInviteTokenAsync(token);
            if (user is null || !user.IsPending || user.InvitationExpired(Now)) throw Fail.InvitationExpired();
            var account = await s.GetAccountAsync(user.AccountId);
            return new Invitation(user, account?.Name ?? "");
        }, ct);

    /// <summary>Following the invitation link and choosing a password activates the user.</summary>
    public async Task<User> AcceptInvitationAsync(string token, string password, CancellationToken ct = default)
    {
        // The invitation token is the caller's only credential: check it before any slow work.
        await FindInvitationAsync(token, ct);
        PasswordPolicy.Check(password);
        var hash = await _passwords.HashAsync(password, ct);
        return await store.Write(async s =>
        {
            var user = await s.GetUserByInviteTokenAsync(token) is { } found ? await s.LockUserAsync(found.Id) : null;
            if (user is null || !user.IsPending || user.InvitationExpired(Now) || user.InviteToken != token) throw Fail.InvitationExpired();
            user.Status = UserStatuses.Active;
            user.Verified = true;
            user.PasswordHash = hash;
            user.InviteToken = null;
            user.InviteExpiresAt = null;
            user.LastLoginTime = Now; // activating is the user's first sign-in
            await s.UpdateUserAsync(user);
            var by = Operator.User(user.Id);
            await s.RecordAsync(clock, by, DomainEvent.Of(user, new UserInvitationAccepted(EventUser.Of(user))));
            await s.RecordAsync(clock, by, DomainEvent.Of(user, new UserSignedIn(EventUser.Of(user) with { SignInType = "invitation" })));
            return user;
        }, ct);
    }
}
