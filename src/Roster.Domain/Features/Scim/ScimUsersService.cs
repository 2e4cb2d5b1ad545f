using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Users;

namespace Roster.Domain.Scim;

/// <summary>A list query: 1-based <c>startIndex</c>, <c>count</c> and an optional filter.</summary>
public sealed record ScimListQuery(ScimFilter? Filter, int StartIndex, int Count);

/// <summary>One page of users and how many match in all.</summary>
public sealed record ScimListPage(IReadOnlyList<ScimUserView> Users, int TotalResults, int StartIndex);

/// <summary>
/// Zoom's SCIM2 Users over the same store: a SCIM user is a Roster user (pending users are none), and every write records
/// the typed events the Users API records (<c>user.created</c>, <c>user.updated</c>, <c>user.activated</c>,
/// <c>user.deactivated</c>, <c>user.deleted</c>), in one transaction that changes all or nothing. Who may call: a
/// token with <c>scim2</c> or <c>scim2:admin</c> acting as the account's owner or an admin (else 403), on an account
/// with Single Sign-On (else Zoom's 400; <see cref="SsoEnabled"/>).
/// </summary>
public sealed class ScimUsersService(IRosterStore store, TimeProvider clock, IdSource? ids = null)
{
    readonly IdSource _ids = ids ?? new IdSource(clock);

    public const int DefaultCount = 100;
    public const int MaxCount = 1000;
    /// <summary>A filter no index serves reads the account's users; past this many it is refused (400 tooMany).</summary>
    public const int MaxScan = 100_000;

    DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Roster's stand-in for Zoom's "SSO enabled" (reference §2): an account with a managed domain (SSO needs an associated
    /// domain) or with SSO pre-provisioning. The sandbox's primary account has one (<c>example.com</c>); a sub account gets
    /// one through <c>managed_domains</c> or <c>sso_pre_provisioning</c>.
    /// </summary>
    public static bool SsoEnabled(Account account) => account.ManagedDomains.Count > 0 || account.SsoPreProvisioning;

    internal static async Task<Account> Admitted(IStoreSession s, Caller caller, Operation op)
    {
        op.Authorize(caller, targetIsSelf: false);
        var me = await s.GetUserAsync(caller.UserId);
        if (me is null || me.AccountId != caller.AccountId || !(me.IsOwner || me.IsAdmin)) throw Fail.ScimForbidden();
        var account = await s.GetAccountAsync(caller.AccountId) ?? throw Fail.AccountNotFound(caller.AccountId);
        if (!SsoEnabled(account)) throw Fail.ScimSsoNotEnabled();
        return account;
    }

    /// <summary>A SCIM user of the caller's account: another account's and pending users answer as missing ones.</summary>
    static User Scim(User? user, Caller caller, string id)
        => user is null || user.AccountId != caller.AccountId || user.IsPending ? throw Fail.ScimUserNotFound(id) : user;

    public Task<ScimUserView> GetAsync(Caller caller, string id, CancellationToken ct = default)
        => store.ReadAsync(async s =>
        {
            await Admitted(s, caller, Operations.ScimGetUser);
            return ScimUserView.Of(Scim(await s.GetUserAsync(id), caller, id));
        }, ct);

    public Task<ScimListPage> ListAsync(Caller caller, ScimListQuery q, CancellationToken ct = default)
        => store.ReadAsync(async s =>
        {
            await Admitted(s, caller, Operations.ScimListUsers);
            var start = Math.Max(1, q.StartIndex);
            var count = Math.Clamp(q.Count, 0, MaxCount);
            if (q.Filter is null) return await PageAsync(s, caller.AccountId, start, count);
            var matches = q.Filter.Lookup() is { } keys && keys.Emails.Count + keys.Ids.Count <= IndexLookup.MaxKeys
                ? await LookedUpAsync(s, caller, keys, q.Filter)
                : await ScannedAsync(s, caller.AccountId, q.Filter);
            return new ScimListPage(matches.Skip(start - 1).Take(count).ToList(), matches.Count, start);
        }, ct);

    /// <summary>
    /// The unfiltered list: active users then deactivated ones, each in creation order, from the (account, status, seq)
    /// index and the kept totals; <c>startIndex</c> is an offset into that order, as <c>page_number</c> is for /v2/users.
    /// </summary>
    static async Task<ScimListPage> PageAsync(IStoreSession s, string accountId, int start, int count)
    {
        var active = await s.CountUsersAsync(accountId, UserStatuses.Active, null);
        var inactive = await s.CountUsersAsync(accountId, UserStatuses.Inactive, null);
        var page = new List<ScimUserView>();
        var skip = start - 1;
        if (count > 0 && skip < active)
            page.AddRange((await s.ListUserItemsAsync(accountId, UserStatuses.Active, null, 0, skip, count)).Select(ScimUserView.Of));
        if (page.Count < count && inactive > 0)
            page.AddRange((await s.ListUserItemsAsync(accountId, UserStatuses.Inactive, null, 0, Math.Max(0, skip - active), count - page.Count)).Select(ScimUserView.Of));
        return new ScimListPage(page, active + inactive, start);
    }

    static async Task<List<ScimUserView>> LookedUpAsync(IStoreSession s, Caller caller, IndexLookup keys, ScimFilter filter)
    {
        var found = new Dictionary<string, User>(StringComparer.Ordinal);
        foreach (var email in keys.Emails.Distinct())
            if (await s.GetUserByEmailAsync(email) is { } u) found[u.Id] = u;
        foreach (var id in keys.Ids.Distinct())
            if (await s.GetUserAsync(id) is { } u) found[u.Id] = u;
        return found.Values.Where(u => u.AccountId == caller.AccountId && !u.IsPending).OrderBy(u => u.Status == UserStatuses.Active ? 0 : 1).ThenBy(u => u.Seq)
            .Select(ScimUserView.Of).Where(v => filter.Matches(ScimUserResource.Of(v, "", full: true))).ToList();
    }

    static async Task<List<ScimUserView>> ScannedAsync(IStoreSession s, string accountId, ScimFilter filter)
    {
        var active = await s.CountUsersAsync(accountId, UserStatuses.Active, null);
        var inactive = await s.CountUsersAsync(accountId, UserStatuses.Inactive, null);
        if (active + inactive > MaxScan) throw Fail.ScimTooMany(MaxScan);
        var matches = new List<ScimUserView>();
        foreach (var status in new[] { UserStatuses.Active, UserStatuses.Inactive })
        {
            long after = 0;
            while (true)
            {
                var batch = await s.ListUsersAsync(accountId, status, null, after, 1000);
                foreach (var u in batch)
                {
                    var view = ScimUserView.Of(u);
                    if (filter.Matches(ScimUserResource.Of(view, "", full: true))) matches.Add(view);
                }
                if (batch.Count < 1000) break;
                after = batch[^1].Seq;
            }
        }
        return matches;
    }

    /// <summary>
    /// POST: a new active user (or deactivated, with <c>active: false</c>) that signs in through SSO (login type 101) unless
    /// <c>loginType</c> says work e-mail only (100); <c>userType</c> Basic unless given.
    /// </summary>
    public async Task<ScimUserView> CreateAsync(Caller caller, JsonObject body, CancellationToken ct = default)
    {
        Operations.ScimCreateUser.Authorize(caller, targetIsSelf: false);
        var c = ScimUserChange.Read(ScimUserChange.Canonical(body), complete: false);
        if (!ProfileRules.IsEmail(c.UserName) || c.UserName!.Length >= ProfileRules.MaxEmail) throw Fail.ScimInvalidValue("userName must be the user's e-mail address.");
        var type = TypeOf(c.UserType) ?? UserTypes.Basic;
        var sso = c.Sso ?? c.WorkEmail != true;
        if (!sso && c.WorkEmail == false) throw Fail.ScimInvalidValue("loginType: at least one of workEmail and sso must be true.");
        var update = UpdateOf(c);
        Validate(update);
        var email = c.UserName.ToLowerInvariant();
        return await store.Write(async s =>
        {
            var account = await Admitted(s, caller, Operations.ScimCreateUser);
            if (await s.GetUserByEmailAsync(email) is not null) throw Fail.ScimUniqueness(email);
            if (c.Active != false) await UsersService.RequireSeat(s, account, type, null);
            var user = new User
            {
                Id = _ids.NewUserId(), AccountId = account.Id, Email = email, Type = type, RoleId = Roles.MemberId, CreatedAt = Now,
                Status = c.Active == false ? UserStatuses.Inactive : UserStatuses.Active,
                LoginType = sso ? LoginTypes.Sso : LoginTypes.WorkEmail, Verified = true, Pmi = await UsersService.FreePmi(s),
                Profile = new UserProfile { FirstName = "", LastName = "", DisplayName = "", Timezone = "", Language = "en-US" },
            };
            UsersService.Apply(user.Profile, update);
            if (string.IsNullOrEmpty(user.Profile.DisplayName)) user.Profile.DisplayName = $"{user.Profile.FirstName} {user.Profile.LastName}".Trim();
            if (!string.IsNullOrEmpty(c.EmployeeNumber)) user.Profile.EmployeeUniqueId = c.EmployeeNumber;
            if (!string.IsNullOrEmpty(c.PersonalLinkName)) await SetVanity(s, user, c.PersonalLinkName);
            else if (sso && type != UserTypes.Basic) user.VanityName = await UsersService.SsoVanityName(s, email);
            await s.InsertUserAsync(user);
            await Record(s, caller, DomainEvent.Of(user, UserCreated.Of(user, sso ? CreateActions.SsoCreate : CreateActions.AutoCreate)));
            return ScimUserView.Of(user);
        }, ct);
    }

    /// <summary>PUT, as Zoom treats it: a partial update of the attributes the body carries; <c>userName</c>, <c>emails</c> and <c>loginType</c> are not changed (as Zoom).</summary>
    public Task<ScimUserView> ReplaceAsync(Caller caller, string id, JsonObject body, CancellationToken ct = default)
    {
        Operations.ScimUpdateUser.Authorize(caller, targetIsSelf: false);
        var change = ScimUserChange.Read(ScimUserChange.Canonical(body), complete: false);
        return ChangeAsync(caller, id, Operations.ScimUpdateUser, _ => change, ct);
    }

    /// <summary>PATCH: the operations applied to the resource as it is, then whatever they changed is written.</summary>
    public Task<ScimUserView> PatchAsync(Caller caller, string id, JsonObject body, CancellationToken ct = default)
    {
        Operations.ScimPatchUser.Authorize(caller, targetIsSelf: false);
        return ChangeAsync(caller, id, Operations.ScimPatchUser,
            user => ScimUserChange.Read(ScimPatch.Apply(ScimUserResource.Of(ScimUserView.Of(user), "", full: true), body), complete: true), ct);
    }

    Task<ScimUserView> ChangeAsync(Caller caller, string id, Operation op, Func<User, ScimUserChange> changeOf, CancellationToken ct)
        => store.Write(async s =>
        {
            var account = await Admitted(s, caller, op);
            var user = Scim(await s.LockUserAsync(id), caller, id);
            var c = changeOf(user);
            var update = UpdateOf(c);
            Validate(update);
            Unchanged(update, user.Profile);
            var type = TypeOf(c.UserType);
            var before = Changes.Snapshot(user);
            if (type is { } t && t != user.Type)
            {
                if (user.Status != UserStatuses.Inactive) await UsersService.RequireSeat(s, account, t, user.Id);
                user.Type = t;
            }
            UsersService.Apply(user.Profile, update);
            if (c.EmployeeNumber is { } employee && employee != (user.Profile.EmployeeUniqueId ?? "")) user.Profile.EmployeeUniqueId = employee.Length == 0 ? null : employee;
            if (c.PersonalLinkName is { } vanity && !string.Equals(vanity, user.VanityName ?? "", StringComparison.OrdinalIgnoreCase))
                if (vanity.Length == 0) user.VanityName = null;
                else await SetVanity(s, user, vanity);
            var updated = UserUpdated.Of(before, user);
            var status = c.Active is { } active ? (active ? UserStatuses.Active : UserStatuses.Inactive) : user.Status;
            if (status != user.Status)
            {
                if (user.IsOwner || user.IsAdmin) throw Fail.NoPrivilege("The owner and admins cannot be activated or deactivated.");
                if (status == UserStatuses.Active) await UsersService.RequireSeat(s, account, user.Type, user.Id);
                user.Status = status;
            }
            if (updated is null && status == before["status"]?.GetValue<string>()) return ScimUserView.Of(user);
            user.Profile.ModifiedAt = Now;
            await s.UpdateUserAsync(user);
            if (updated is not null) await Record(s, caller, DomainEvent.Of(user, updated));
            if (status != before["status"]?.GetValue<string>())
                await Record(s, caller, DomainEvent.Of(user, status == UserStatuses.Active ? new UserActivated(EventUser.Of(user)) : new UserDeactivated(EventUser.Of(user))));
            return ScimUserView.Of(user);
        }, ct);

    /// <summary>DELETE: the user is deleted for good (as <c>DELETE /v2/users/{id}?action=delete</c>), never disassociated (docs/compatibility.md).</summary>
    public Task DeleteAsync(Caller caller, string id, CancellationToken ct = default)
        => store.Write(async s =>
        {
            await Admitted(s, caller, Operations.ScimDeleteUser);
            var user = Scim(await s.LockUserAsync(id), caller, id);
            if (user.IsOwner) throw Fail.NoPrivilege("The account owner cannot be deleted.");
            if (user.Id == caller.UserId) throw Fail.NoPrivilege("You cannot delete yourself.");
            await s.DeleteUserAsync(user.Id);
            await Record(s, caller, DomainEvent.Of(user, new UserDeleted(EventUser.Of(user))));
            return true;
        }, ct);

    Task Record(IStoreSession s, Caller caller, DomainEvent e) => s.RecordAsync(clock, Operator.Of(caller), e);

    static int? TypeOf(string? userType)
        => userType is null ? null : ScimSchema.UserTypes.TryGetValue(userType, out var t) ? t : throw Fail.ScimUserType(userType);

    static async Task SetVanity(IStoreSession s, User user, string vanity)
    {
        if (await s.VanityNameTakenAsync(vanity, user.Id)) throw Fail.ScimUniqueness(vanity);
        user.VanityName = vanity;
    }

    /// <summary>The profile fields of the change as the Users API's update carries them, so the same rules check them.</summary>
    static UserUpdate UpdateOf(ScimUserChange c) => new()
    {
        FirstName = c.GivenName, LastName = c.FamilyName, DisplayName = c.DisplayName, JobTitle = c.Title, Dept = c.Department, Company = c.Organization,
        CostCenter = c.CostCenter, Manager = c.Manager, Pronouns = c.Pronouns, VanityName = string.IsNullOrEmpty(c.PersonalLinkName) ? null : c.PersonalLinkName,
        PlanUnitedType = c.ZoomUnited is { Length: 0 } ? "none" : c.ZoomUnited,
    };

    /// <summary>Clearing what is not set is no change (a PATCH's resource lacks every unset attribute).</summary>
    static void Unchanged(UserUpdate u, UserProfile p)
    {
        static string? Same(string? wanted, string? current) => wanted is { Length: 0 } && string.IsNullOrEmpty(current) ? null : wanted;
        u.FirstName = Same(u.FirstName, p.FirstName);
        u.LastName = Same(u.LastName, p.LastName);
        u.DisplayName = Same(u.DisplayName, p.DisplayName);
        u.JobTitle = Same(u.JobTitle, p.JobTitle);
        u.Dept = Same(u.Dept, p.Dept);
        u.Company = Same(u.Company, p.Company);
        u.CostCenter = Same(u.CostCenter, p.CostCenter);
        u.Manager = Same(u.Manager, p.Manager);
        u.Pronouns = Same(u.Pronouns, p.Pronouns);
        if (u.PlanUnitedType == "none" && p.PlanUnitedType is null) u.PlanUnitedType = null;
    }

    static readonly Dictionary<string, string> ScimNames = new(StringComparer.Ordinal)
    {
        ["first_name"] = "name.givenName", ["last_name"] = "name.familyName", ["display_name"] = "displayName", ["job_title"] = "title",
        ["dept"] = "department", ["company"] = "organization", ["cost_center"] = "costCenter", ["manager"] = "manager (an e-mail)",
        ["vanity_name"] = "personalLinkName", ["plan_united_type"] = "zoomUnited",
    };

    static void Validate(UserUpdate update)
    {
        var errors = UsersService.ValidateUpdate(update);
        if (errors.Count > 0)
            throw Fail.ScimInvalidValue("Invalid value of " + string.Join(", ", errors.Select(e => ScimNames.GetValueOrDefault(e.Field, e.Field))) + ".");
    }
}
