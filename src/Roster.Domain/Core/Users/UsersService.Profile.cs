using static Roster.Domain.Users.UserAccess;
using Roster.Domain.Abstractions;
using Roster.Domain.AccountRoles;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;

namespace Roster.Domain.Users;

public sealed partial class UsersService
{
    public const int MaxEmailChangesPerDay = 3;

    // ---- update profile ----

    public Task UpdateAsync(Caller caller, string userId, UserUpdate u, CancellationToken ct = default)
    {
        var errors = ValidateUpdate(u);
        if (errors.Count > 0) throw Fail.Validation([.. errors]);
        var changesPlan = new[] { u.Type is not null, u.PlanUnitedType is not null, u.ZoomOneType is not null }.Count(x => x);
        if (changesPlan > 1) throw Fail.Invalid("type, plan_united_type and zoom_one_type cannot be changed in the same request.");

        return store.Write(async s =>
        {
            // what the rules read besides the user first: the user is held from its read to the commit, as briefly as can be
            var me = await s.GetUserAsync(caller.UserId);
            // an admin edits users only through a role holding User:Edit (the owner always)
            var callerIsAdmin = me is not null && me.AccountId == caller.AccountId && (me.IsOwner || me.IsAdmin) && await RoleAccess.AllowsAsync(s, me, Privileges.UserEdit);
            var account = await AccountOf(s, caller.AccountId);
            var user = await Target(s, caller, userId, Operations.UpdateUser, hold: true);
            if (user.Id != caller.UserId && me is { IsAdmin: true } && !callerIsAdmin) throw Fail.LacksPrivilege(Privileges.UserEdit, "update this user");
            var before = Changes.Snapshot(user);
            ThrowIfInvitationExpired(user, Now);
            if (!callerIsAdmin && account.IsManagedEmail(user.Email)
                && (u.FirstName is not null || u.LastName is not null || u.HostKey is not null || u.Pmi is not null || u.VanityName is not null))
                throw Fail.NoPrivilege("Only an admin can change the name, host key, PMI or personal link of a managed user.");

            if (u.Type is { } type && type != user.Type)
            {
                if (type == UserTypes.None && user.LoginType != LoginTypes.Sso)
                    throw Fail.Invalid("Type 99 is only for users created with ssoCreate.");
                if (!callerIsAdmin) throw Fail.TypePermission();
                if (user.Status != UserStatuses.Inactive) await RequireSeat(s, account, type, user.Id);
                user.Type = type;
            }
            var effectiveType = user.Type;
            if (u.Pmi is { } pmi && pmi != user.Pmi)
            {
                if (effectiveType == UserTypes.NoMeetingsLicense) throw Fail.NoPrivilege("A PMI cannot be set on a user without a meetings license.");
                if (!UserTypes.IsPaid(effectiveType)) throw Fail.NoPrivilege("Only Licensed users can customize their PMI.");
                if (await s.PmiTakenAsync(pmi, user.Id)) throw Fail.Invalid($"PMI {pmi} is already in use.");
                user.Pmi = pmi;
            }
            if (u.VanityName is { } vanity && !string.Equals(vanity, user.VanityName, StringComparison.OrdinalIgnoreCase))
            {
                if (await s.VanityNameTakenAsync(vanity, user.Id)) throw Fail.VanityNameTaken();
                user.VanityName = vanity;
            }
            if (u.HostKey is not null && !UserTypes.IsPaid(effectiveType)) throw Fail.HostNotPaid();
            if (u.UsePmi is { } usePmi) user.UsePmi = usePmi;
            Apply(user.Profile, u);
            // group_id puts the user (a pending one too) in that group of its account: 404/4130 for any other
            var joined = u.GroupId is { Length: > 0 } groupId
                ? await Groups.GroupMembership.JoinAsync(s, Now, await Groups.GroupMembership.GroupToJoinAsync(s, user.AccountId, groupId), user)
                : null;
            if (Changes.Snapshot(user).ToJsonString() != before.ToJsonString()) user.Profile.ModifiedAt = Now;
            await s.UpdateUserAsync(user);
            if (UserUpdated.Of(before, user) is { } updated) await Record(s, clock, caller, DomainEvent.Of(user, updated));
            await Record(s, clock, caller, joined);
            return true;
        }, ct);
    }

    internal static List<FieldError> ValidateUpdate(UserUpdate u)
    {
        var e = new List<FieldError>();
        void Check(bool ok, string field) { if (!ok) e.Add(new FieldError(field, "Invalid field.")); }
        static bool Len(string? v, int max) => v is null || v.Length <= max;
        Check(ProfileRules.IsName(u.FirstName), "first_name");
        Check(ProfileRules.IsName(u.LastName), "last_name");
        Check(ProfileRules.IsName(u.DisplayName, maxChinese: 10), "display_name");
        Check(u.Type is null || UserTypes.All.Contains(u.Type.Value), "type");
        Check(u.Pmi is null || ProfileRules.IsPmi(u.Pmi.Value), "pmi");
        Check(u.VanityName is null || ProfileRules.IsVanityName(u.VanityName), "vanity_name");
        Check(u.HostKey is null || ProfileRules.IsHostKey(u.HostKey), "host_key");
        Check(u.Timezone is null || ProfileRules.IsTimezone(u.Timezone), "timezone");
        Check(u.Language is null || ProfileRules.IsLanguage(u.Language), "language");
        Check(Len(u.Dept, 128), "dept");
        Check(Len(u.Company, 255), "company");
        Check(Len(u.JobTitle, 128), "job_title");
        Check(Len(u.Location, 256), "location");
        Check(u.Manager is null || u.Manager.Length == 0 || ProfileRules.IsEmail(u.Manager), "manager");
        Check(u.PronounsOption is null or 1 or 2 or 3, "pronouns_option");
        Check(u.PhoneNumbers is null || u.PhoneNumbers.All(p => p.Label is null || ProfileRules.PhoneLabels.Contains(p.Label)), "phone_numbers");
        Check(u.PhoneNumbers is null || u.PhoneNumbers.Select(p => p.Label).Where(l => l is not null).GroupBy(l => l).All(g => g.Count() == 1), "phone_numbers");
        Check(u.ZoomOneType is null || ProfileRules.ZoomOneTypes.Contains(u.ZoomOneType.Value), "zoom_one_type");
        Check(u.PlanUnitedType is null || u.PlanUnitedType == "none" || ProfileRules.PlanUnitedTypes.Contains(u.PlanUnitedType), "plan_united_type");
        Check(u.AboutMe is null || !ProfileRules.HasHtml(u.AboutMe), "about_me");
        Check(u.LinkedinUrl is null || u.LinkedinUrl.Length == 0 || u.LinkedinUrl.Contains("linkedin.com", StringComparison.OrdinalIgnoreCase), "linkedin_url");
        Check(u.LicenseInfoList is null || u.LicenseInfoList.All(l => l.LicenseType is not null && ProfileRules.LicenseTypes.Contains(l.LicenseType) && l.LicenseOption is not null && !string.IsNullOrEmpty(l.SubscriptionId)), "license_info_list");
        Check(u.CustomAttributes is null || u.CustomAttributes.All(a => !string.IsNullOrEmpty(a.Key)), "custom_attributes");
        Check((u.PhoneCountry is null) == (u.PhoneNumber is null), u.PhoneCountry is null ? "phone_country" : "phone_number");
        return e;
    }

    internal static void Apply(UserProfile p, UserUpdate u)
    {
        p.FirstName = u.FirstName ?? p.FirstName;
        p.LastName = u.LastName ?? p.LastName;
        p.DisplayName = u.DisplayName ?? p.DisplayName;
        p.Timezone = u.Timezone ?? p.Timezone;
        p.Language = u.Language ?? p.Language;
        p.Dept = u.Dept ?? p.Dept;
        p.Company = u.Company ?? p.Company;
        p.JobTitle = u.JobTitle ?? p.JobTitle;
        p.Location = u.Location ?? p.Location;
        p.Manager = u.Manager ?? p.Manager;
        p.CmsUserId = u.CmsUserId ?? p.CmsUserId;
        p.HostKey = u.HostKey ?? p.HostKey;
        p.CostCenter = u.CostCenter ?? p.CostCenter;
        p.PhoneCountry = u.PhoneCountry ?? p.PhoneCountry;
        p.PhoneNumber = u.PhoneNumber ?? p.PhoneNumber;
        p.PhoneNumbers = u.PhoneNumbers ?? p.PhoneNumbers;
        p.Pronouns = u.Pronouns ?? p.Pronouns;
        p.PronounsOption = u.PronounsOption ?? p.PronounsOption;
        p.CustomAttributes = u.CustomAttributes ?? p.CustomAttributes;
        p.DivisionIds = u.DivisionIds ?? p.DivisionIds;
        p.AboutMe = u.AboutMe ?? p.AboutMe;
        p.LinkedinUrl = u.LinkedinUrl ?? p.LinkedinUrl;
        p.LicenseInfoList = u.LicenseInfoList ?? p.LicenseInfoList;
        p.ZoomPhone = u.Feature?.ZoomPhone ?? p.ZoomPhone;
        if (u.ZoomOneType is { } zot) p.ZoomOneType = zot == 0 ? null : zot;
        if (u.PlanUnitedType is { } put) p.PlanUnitedType = put == "none" ? null : put;
    }

    // ---- delete ----

    public Task DeleteAsync(Caller caller, string userId, DeleteUserQuery q, CancellationToken ct = default)
    {
        var action = string.IsNullOrEmpty(q.Action) ? "disassociate" : q.Action;
        if (action is not ("disassociate" or "delete")) throw Fail.InvalidField("action");
        return store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.DeleteUser, hold: true);
            await RequireAdmin(s, caller);
            if (user.IsOwner) throw Fail.NoPrivilege("The account owner cannot be deleted.");
            if (user.Id == caller.UserId) throw Fail.NoPrivilege("You cannot delete yourself.");
            if (user.IsPending)
            {
                ThrowIfInvitationExpired(user, Now);
                if (action == "delete") throw Fail.Invalid("Pending users can only be removed with action=disassociate.");
            }
            else if (action == "disassociate")
            {
                if (user.LoginType == LoginTypes.ApiUser) throw Fail.Invalid("API users cannot be disassociated; use action=delete.");
                if (user.IsAdmin) throw Fail.AdminUser("An admin user cannot be disassociated.");
                var account = await AccountOf(s, user.AccountId);
                if (account.IsManagedEmail(user.Email)) throw Fail.ManagedDomainUser("A user of a managed domain cannot be disassociated; use action=delete.");
            }
            if (!string.IsNullOrEmpty(q.TransferEmail))
            {
                var target = await s.GetUserByEmailAsync(q.TransferEmail.ToLowerInvariant());
                if (target is null || target.AccountId != user.AccountId) throw Fail.UserNotFound(q.TransferEmail);
                if (target.Id == user.Id) throw Fail.Invalid("The transfer target cannot be the user being deleted.");
                if (target.IsPending) throw Fail.Invalid("The transfer target must be an active user.");
            }
            await s.RemoveUserFromGroupsAsync(user.Id); // the groups it was in lose a member
            await s.DeleteUserAsync(user.Id);
            await Record(s, clock, caller, DomainEvent.Of(user, action == "delete" ? new UserDeleted(EventUser.Of(user)) : new UserDisassociated(EventUser.Of(user))));
            return true;
        }, ct);
    }

    // ---- status ----

    public Task SetStatusAsync(Caller caller, string userId, StatusRequest body, CancellationToken ct = default)
    {
        if (body.Action is not ("activate" or "deactivate")) throw Fail.InvalidField("action");
        return store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.UpdateStatus, hold: true);
            await RequireAdmin(s, caller);
            if (user.IsOwner || user.IsAdmin) throw Fail.NoPrivilege("The owner and admins cannot be activated or deactivated.");
            if (user.IsPending)
            {
                ThrowIfInvitationExpired(user, Now);
                throw Fail.Invalid("A pending user cannot be activated or deactivated before accepting the invitation.");
            }
            var target = body.Action == "activate" ? UserStatuses.Active : UserStatuses.Inactive;
            if (user.Status == target) return true;
            if (target == UserStatuses.Active) await RequireSeat(s, await AccountOf(s, user.AccountId), user.Type, user.Id);
            user.Status = target;
            user.Profile.ModifiedAt = Now;
            await s.UpdateUserAsync(user);
            await Record(s, clock, caller, DomainEvent.Of(user, target == UserStatuses.Active ? new UserActivated(EventUser.Of(user)) : new UserDeactivated(EventUser.Of(user))));
            return true;
        }, ct);
    }

    // ---- e-mail ----

    public Task<bool> EmailInUseAsync(Caller caller, string? email, CancellationToken ct = default)
    {
        Operations.CheckEmail.Authorize(caller, targetIsSelf: false);
        if (string.IsNullOrWhiteSpace(email)) throw Fail.Invalid("Email is required.");
        return store.ReadAsync(async s =>
        {
            var user = await s.GetUserByEmailAsync(email.ToLowerInvariant());
            return user is not null && user.AccountId == caller.AccountId && user.LoginType == LoginTypes.WorkEmail;
        }, ct);
    }

    public Task ChangeEmailAsync(Caller caller, string userId, EmailRequest body, CancellationToken ct = default)
    {
        if (!ProfileRules.IsEmail(body.Email) || body.Email!.Length >= ProfileRules.MaxEmail) throw Fail.InvalidField("email");
        var email = body.Email.ToLowerInvariant();
        return store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.UpdateEmail, hold: true);
            await RequireAdmin(s, caller);
            if (user.IsPending) throw Fail.PendingUser("A pending user's email cannot be changed.");
            if (user.IsOwner) throw Fail.PendingUser("The account owner's email cannot be changed through the API.");
            if (email == user.Email) return true;
            var account = await AccountOf(s, user.AccountId);
            if (account.ManagedDomains.Count == 0) throw Fail.NoPrivilege("Only accounts with a managed domain can change user emails.");
            if (!account.IsManagedEmail(email)) throw Fail.NotManagedDomain();
            if (await s.GetUserByEmailAsync(email) is not null) throw Fail.EmailTaken(email);
            var now = Now;
            if (await s.CountEmailChangesSinceAsync(user.Id, now.AddDays(-1)) >= MaxEmailChangesPerDay)
                throw Fail.Invalid($"A user's email can be changed at most {MaxEmailChangesPerDay} times in 24 hours.");
            await s.InsertEmailChangeAsync(user.Id, now);
            var before = Changes.Snapshot(user);
            user.Email = email;
            user.Profile.ModifiedAt = Now;
            await s.UpdateUserAsync(user);
            if (UserEmailChanged.Of(before, user) is { } changed) await Record(s, clock, caller, DomainEvent.Of(user, changed));
            return true;
        }, ct);
    }

    // ---- password ----

    public async Task SetPasswordAsync(Caller caller, string userId, PasswordRequest body, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(body.Password)) throw Fail.InvalidField("password");
        PasswordPolicy.Check(body.Password);
        async Task<User> Checked(IStoreSession s)
        {
            var user = await Target(s, caller, userId, Operations.UpdatePassword);
            await RequireAdmin(s, caller);
            if ((user.IsAdmin || user.IsOwner) && user.Id != caller.UserId) throw Fail.AdminUser("An admin's password cannot be updated.");
            if (user.LoginType != LoginTypes.WorkEmail) throw Fail.NotWorkEmailUser();
            if (user.IsPending) throw Fail.PendingUser("A pending user has no password to update.");
            return user;
        }
        // The slow part (one hash, up to six verifications) runs between a read and a short write that applies the
        // change only if the password is still the one verified against; another change in between means try again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var seen = await store.ReadAsync(Checked, ct);
            if (await _passwords.VerifyAsync(body.Password, seen.PasswordHash, ct)) throw Fail.Invalid("The new password cannot be the same as the old one.");
            foreach (var old in seen.PasswordHistory)
                if (await _passwords.VerifyAsync(body.Password, old, ct))
                    throw Fail.PasswordReused(PasswordPolicy.HistoryDepth);
            var hash = await _passwords.HashAsync(body.Password, ct);
            var applied = await store.Write(async s =>
            {
                var user = await Hold(s, await Checked(s), userId);
                if (user.PasswordHash != seen.PasswordHash) return false;
                if (user.PasswordHash is not null)
                    user.PasswordHistory = [user.PasswordHash, .. user.PasswordHistory.Take(PasswordPolicy.HistoryDepth - 1)];
                user.PasswordHash = hash;
                await s.UpdateUserAsync(user);
                await Record(s, clock, caller, DomainEvent.Of(user, new UserPasswordChanged(EventUser.Of(user))));
                return true;
            }, ct);
            if (applied) return;
        }
        throw Fail.PasswordChangedMeanwhile();
    }

    // ---- permissions, vanity ----

    public Task<IReadOnlyList<string>> PermissionsAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.ReadAsync(async s => await RoleAccess.PermissionsOfAsync(s, await Target(s, caller, userId, Operations.GetPermissions)), ct);

    public Task<bool> VanityNameInUseAsync(Caller caller, string? vanityName, CancellationToken ct = default)
    {
        Operations.CheckVanityName.Authorize(caller, targetIsSelf: false);
        if (string.IsNullOrWhiteSpace(vanityName)) throw Fail.Invalid("Vanity name is required.");
        return store.ReadAsync(s => s.VanityNameTakenAsync(vanityName, null), ct);
    }
}
