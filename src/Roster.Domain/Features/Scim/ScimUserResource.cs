using System.Globalization;
using Roster.Domain.Users;

namespace Roster.Domain.Scim;

/// <summary>What a SCIM User is made of: a Roster user, read whole or as a list item.</summary>
public sealed record ScimUserView(string Id, string Email, int Type, string Status, int LoginType, DateTimeOffset CreatedAt, string? VanityName, UserProfile Profile)
{
    public static ScimUserView Of(User u) => new(u.Id, u.Email, u.Type, u.Status, u.LoginType, u.CreatedAt, u.VanityName, u.Profile);
    public static ScimUserView Of(UserListItem u) => new(u.Id, u.Email, u.Type, u.Status, u.LoginType, u.CreatedAt, null, u.Profile);
}

/// <summary>
/// A Roster user as Zoom's SCIM User (reference zoom-scim2.md §3.1). A list item omits what Zoom's lists omit: the
/// <c>zoom:1.0:User</c> extension and the enterprise <c>manager</c>, <c>organization</c> and <c>costCenter</c>.
/// Unset attributes are left out (RFC 7643 §2.5).
/// </summary>
public static class ScimUserResource
{
    /// <summary>Zoom's name of a user type; Roster's types 4 and 99 (made through /v2/users) keep Zoom's REST names.</summary>
    public static string TypeName(int type) => type switch
    {
        UserTypes.Basic => "Basic",
        UserTypes.Licensed => "Licensed",
        UserTypes.OnPrem => "On-Prem",
        UserTypes.NoMeetingsLicense => "No Meetings License",
        _ => "None",
    };

    /// <param name="baseUrl">The server's address (<c>meta.location</c>); empty: a location relative to the server.</param>
    /// <param name="full">Everything (GET, POST, PUT, PATCH) or a list item.</param>
    public static JsonObject Of(ScimUserView u, string baseUrl, bool full)
    {
        var p = u.Profile;
        var schemas = new JsonArray(ScimSchema.User, ScimSchema.Enterprise, ScimSchema.ZoomUser);
        if (full) schemas.Add(ScimSchema.ZoomProfile);
        var o = new JsonObject { ["schemas"] = schemas, ["id"] = u.Id };
        o["userName"] = u.Email;
        var name = new JsonObject();
        Put(name, "givenName", p.FirstName);
        Put(name, "familyName", p.LastName);
        if (name.Count > 0) o["name"] = name;
        Put(o, "displayName", p.DisplayName);
        Put(o, "title", p.JobTitle);
        o["emails"] = new JsonArray(new JsonObject { ["value"] = u.Email, ["type"] = "work", ["primary"] = true });
        o["active"] = u.Status == UserStatuses.Active;
        o["userType"] = TypeName(u.Type);
        var enterprise = new JsonObject();
        Put(enterprise, "department", p.Dept);
        Put(enterprise, "employeeNumber", p.EmployeeUniqueId);
        if (full)
        {
            Put(enterprise, "organization", p.Company);
            Put(enterprise, "costCenter", p.CostCenter);
            Put(enterprise, "manager", p.Manager);
        }
        if (enterprise.Count > 0) o[ScimSchema.Enterprise] = enterprise;
        o[ScimSchema.ZoomUser] = new JsonObject
        {
            ["loginType"] = new JsonObject { ["workEmail"] = u.LoginType == LoginTypes.WorkEmail, ["sso"] = u.LoginType == LoginTypes.Sso },
        };
        if (full)
        {
            var zoom = new JsonObject();
            Put(zoom, "pronouns", p.Pronouns);
            Put(zoom, "personalLinkName", u.VanityName);
            Put(zoom, "zoomUnited", p.PlanUnitedType);
            o[ScimSchema.ZoomProfile] = zoom;
        }
        var version = Version(o, p.ModifiedAt ?? u.CreatedAt);
        o["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["created"] = Time(u.CreatedAt),
            ["lastModified"] = Time(p.ModifiedAt ?? u.CreatedAt),
            ["location"] = $"{baseUrl}/scim2/Users/{u.Id}",
            ["version"] = version,
        };
        return o;
    }

    /// <summary>ISO 8601 in UTC to the second, as Zoom writes <c>meta</c> times (<c>2023-11-24T05:13:15Z</c>).</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A weak version of the representation: a hash of its attributes and when they last changed, so any change shows.</summary>
    static string Version(JsonObject resource, DateTimeOffset modified)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(resource.ToJsonString() + modified.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        return $"W/\"{Convert.ToHexStringLower(hash.AsSpan(0, 8))}\"";
    }

    static void Put(JsonObject into, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) into[name] = value;
    }
}
