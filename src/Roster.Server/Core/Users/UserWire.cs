using Roster.Domain.Users;

namespace Roster.Server.Users;

/// <summary>Maps stored users to Zoom's JSON; links are built on the base URL the caller used.</summary>
public static class UserWire
{
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    public static string? PicUrl(User u, string baseUrl) => PicUrl(u.PicId, baseUrl);
    public static string? PicUrl(string? picId, string baseUrl) => picId is null ? null : $"{baseUrl}/p/{picId}";

    public static UserDto Full(User u, string baseUrl, long accountNumber, DateTimeOffset now)
    {
        var p = u.Profile;
        return new UserDto
        {
            Id = u.Id,
            FirstName = p.FirstName ?? "",
            LastName = p.LastName ?? "",
            DisplayName = p.DisplayName ?? "",
            Email = u.Email,
            Type = u.Type,
            RoleName = Roles.NameOf(u.RoleId),
            Pmi = u.Pmi,
            UsePmi = u.UsePmi,
            PersonalMeetingUrl = $"{baseUrl}/j/{u.Pmi}",
            Timezone = p.Timezone ?? "",
            Verified = u.Verified ? 1 : 0,
            Dept = p.Dept ?? "",
            // Zoom: for a pending user created_at is the time of the call (reference §3.2).
            CreatedAt = Time(u.IsPending ? now : u.CreatedAt),
            UserCreatedAt = Time(u.CreatedAt),
            LastLoginTime = u.LastLoginTime is { } l ? Time(l) : null,
            LastClientVersion = p.LastClientVersion,
            PicUrl = PicUrl(u, baseUrl) ?? "",
            CmsUserId = p.CmsUserId ?? "",
            Jid = $"{u.Id.ToLowerInvariant()}@xmpp.roster.local",
            GroupIds = p.GroupIds ?? [],
            ImGroupIds = [],
            DivisionIds = p.DivisionIds,
            EmployeeUniqueId = EmployeeUniqueId(u),
            AccountId = u.AccountId,
            AccountNumber = accountNumber,
            Cluster = "roster",
            Language = p.Language ?? "en-US",
            PhoneCountry = p.PhoneCountry ?? "",
            PhoneNumber = p.PhoneNumber ?? "",
            // Zoom tells for each number whether it was verified; Roster verifies none (no SMS), so each is false until set otherwise
            PhoneNumbers = p.PhoneNumbers?.Select(n => n with { Verified = n.Verified ?? false }).ToList(),
            Status = u.Status,
            JobTitle = p.JobTitle ?? "",
            Location = p.Location ?? "",
            Company = p.Company ?? "",
            Manager = string.IsNullOrEmpty(p.Manager) ? null : p.Manager, // an e-mail address, omitted when unset (as Zoom)
            CostCenter = p.CostCenter,
            LoginTypes = [u.LoginType],
            RoleId = u.RoleId,
            VanityUrl = u.VanityName is null ? null : $"{baseUrl}/my/{u.VanityName}",
            Pronouns = p.Pronouns,
            PronounsOption = p.PronounsOption,
            CustomAttributes = p.CustomAttributes,
            PlanUnitedType = p.PlanUnitedType,
            ZoomOneType = p.ZoomOneType,
            LicenseInfoList = p.LicenseInfoList,
        };
    }

    /// <summary>Zoom sends it only for users who sign in with SAML SSO (login type 101).</summary>
    public static string? EmployeeUniqueId(User u) => EmployeeUniqueId(u.LoginType, u.Profile);
    public static string? EmployeeUniqueId(int loginType, UserProfile p) => loginType == LoginTypes.Sso ? p.EmployeeUniqueId : null;

    /// <summary>
    /// A list item (§4.2): no id for pending users; custom attributes and host key only on request. The endpoint writes
    /// the list with <see cref="UserListWriter"/>; this mapping is the reference a test holds that writer to, byte for byte.
    /// </summary>
    public static UserDto ListItem(UserListItem u, string baseUrl, bool withCustomAttributes, bool withHostKey)
    {
        var p = u.Profile;
        return new UserDto
        {
            Id = u.IsPending ? null : u.Id,
            FirstName = p.FirstName ?? "",
            LastName = p.LastName ?? "",
            DisplayName = p.DisplayName ?? "",
            Email = u.Email,
            Type = u.Type,
            Pmi = u.Pmi,
            Timezone = p.Timezone ?? "",
            Verified = u.Verified ? 1 : 0,
            Dept = p.Dept ?? "",
            CreatedAt = Time(u.CreatedAt),
            UserCreatedAt = Time(u.CreatedAt),
            LastLoginTime = u.LastLoginTime is { } l ? Time(l) : null,
            LastClientVersion = p.LastClientVersion,
            PicUrl = PicUrl(u.PicId, baseUrl),
            Language = p.Language ?? "en-US",
            Status = u.Status,
            RoleId = u.RoleId,
            GroupIds = p.GroupIds ?? [],
            ImGroupIds = [],
            DivisionIds = p.DivisionIds,
            EmployeeUniqueId = EmployeeUniqueId(u.LoginType, p),
            PlanUnitedType = p.PlanUnitedType,
            CustomAttributes = withCustomAttributes ? p.CustomAttributes ?? [] : null,
            HostKey = withHostKey ? p.HostKey ?? "" : null,
        };
    }
}
