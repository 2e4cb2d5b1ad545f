using Roster.Domain.Errors;

namespace Roster.Domain.Scim;

/// <summary>
/// What a SCIM body asks of a user, read from the canonical form (<see cref="Canonical"/>): a string null means "leave
/// as is", an empty string "clear it".
/// </summary>
public sealed class ScimUserChange
{
    public string? UserName { get; private set; }
    public bool? Active { get; private set; }
    public string? UserType { get; private set; }
    public string? GivenName { get; private set; }
    public string? FamilyName { get; private set; }
    public string? DisplayName { get; private set; }
    public string? Title { get; private set; }
    public string? Department { get; private set; }
    public string? Organization { get; private set; }
    public string? CostCenter { get; private set; }
    public string? EmployeeNumber { get; private set; }
    public string? Manager { get; private set; }
    public string? Pronouns { get; private set; }
    public string? PersonalLinkName { get; private set; }
    public string? ZoomUnited { get; private set; }
    public bool? Sso { get; private set; }
    public bool? WorkEmail { get; private set; }

    /// <summary>
    /// RFC 7643 attributes Roster does not serve: accepted and ignored where a connector sends them (Entra maps
    /// phone numbers and addresses by default). Any other attribute is 400 <c>invalidPath</c> in a PATCH.
    /// </summary>
    public static readonly HashSet<string> IgnoredAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "externalId", "nickName", "profileUrl", "preferredLanguage", "locale", "timezone", "password", "phoneNumbers", "ims", "photos",
        "addresses", "groups", "entitlements", "roles", "x509Certificates", "division", "name.formatted", "name.middleName",
        "name.honorificPrefix", "name.honorificSuffix",
    };

    /// <summary>
    /// <paramref name="body"/> with attribute names as the schemas spell them, whatever case or form a client used:
    /// top-level names, dotted names (<c>name.givenName</c>), URN-qualified names (<c>urn:…:enterprise:2.0:User:department</c>)
    /// and extension objects all land in one place; <c>"True"</c>/<c>"False"</c> strings of a boolean become booleans
    /// (Entra without <c>aadOptscim062020</c>); a <c>manager</c> object gives its <c>value</c>. Unknown attributes are dropped.
    /// </summary>
    public static JsonObject Canonical(JsonObject body)
    {
        var into = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (string.Equals(key, "schemas", StringComparison.OrdinalIgnoreCase)) continue;
            if (ScimSchema.Of(key) is { } extension && extension.Id != ScimSchema.User)
            {
                if (value is not JsonObject members) throw Fail.ScimInvalidValue($"{extension.Id} must be an object.");
                foreach (var (sub, v) in members) Set(into, $"{extension.Id}:{sub}", v);
                continue;
            }
            Set(into, key, value);
        }
        return into;
    }

    /// <summary>Puts one value at a path of the canonical form (see <see cref="Canonical"/>); an ignored or unknown path is dropped.</summary>
    public static void Set(JsonObject into, string path, JsonNode? value)
    {
        if (ScimSchema.Resolve(path) is not { } at) return;
        var holder = at.Extension is null ? into : (JsonObject)(into[at.Extension] ??= new JsonObject());
        if (at.Sub is null && at.Attribute.Type == "complex" && !at.Attribute.MultiValued && value is JsonObject parts)
        {
            var target = holder[at.Attribute.Name] as JsonObject ?? new JsonObject();
            holder[at.Attribute.Name] = target;
            foreach (var (sub, v) in parts)
            {
                var s = at.Attribute.SubAttributes!.FirstOrDefault(a => string.Equals(a.Name, sub, StringComparison.OrdinalIgnoreCase));
                if (s is not null) target[s.Name] = Coerce(s, v?.DeepClone());
            }
            return;
        }
        if (at.Sub is null)
        {
            holder[at.Attribute.Name] = Coerce(at.Attribute, value?.DeepClone());
            return;
        }
        var complex = holder[at.Attribute.Name] as JsonObject ?? new JsonObject();
        holder[at.Attribute.Name] = complex;
        complex[at.Sub.Name] = Coerce(at.Sub, value?.DeepClone());
    }

    static JsonNode? Coerce(ScimAttribute a, JsonNode? v)
    {
        if (a.Type == "boolean" && v is JsonValue s && s.GetValueKind() == JsonValueKind.String && bool.TryParse(s.GetValue<string>(), out var b)) return b;
        if (a.Name == "manager" && v is JsonObject m) return m["value"]?.DeepClone();
        return v;
    }

    /// <summary>
    /// The change a canonical body asks for. <paramref name="complete"/>: the body is the whole resource as it should be (after a
    /// PATCH), so a writable attribute it lacks is cleared; else (POST, Zoom's partial PUT) what it lacks stays as is.
    /// </summary>
    public static ScimUserChange Read(JsonObject c, bool complete)
    {
        var enterprise = c[ScimSchema.Enterprise] as JsonObject;
        var zoom = c[ScimSchema.ZoomProfile] as JsonObject;
        var login = (c[ScimSchema.ZoomUser] as JsonObject)?["loginType"] as JsonObject;
        var name = c["name"];
        if (name is not null and not JsonObject) throw Fail.ScimInvalidValue("name must be an object.");
        return new ScimUserChange
        {
            UserName = Text(c, "userName", false),
            Active = Bool(c, "active"),
            UserType = Text(c, "userType", false),
            GivenName = Text(name as JsonObject, "givenName", complete, c.ContainsKey("name") && name is null),
            FamilyName = Text(name as JsonObject, "familyName", complete, c.ContainsKey("name") && name is null),
            DisplayName = Text(c, "displayName", complete),
            Title = Text(c, "title", complete),
            Department = Text(enterprise, "department", complete),
            Organization = Text(enterprise, "organization", complete),
            CostCenter = Text(enterprise, "costCenter", complete),
            EmployeeNumber = Text(enterprise, "employeeNumber", complete),
            Manager = Text(enterprise, "manager", complete),
            Pronouns = Text(zoom, "pronouns", complete),
            PersonalLinkName = Text(zoom, "personalLinkName", complete),
            ZoomUnited = Text(zoom, "zoomUnited", complete),
            Sso = Bool(login, "sso"),
            WorkEmail = Bool(login, "workEmail"),
        };
    }

    static string? Text(JsonObject? o, string name, bool complete, bool cleared = false)
    {
        if (o is null || !o.TryGetPropertyValue(name, out var v)) return complete || cleared ? "" : null;
        if (v is null) return "";
        if (v is JsonValue s && s.GetValueKind() == JsonValueKind.String) return s.GetValue<string>();
        throw Fail.ScimInvalidValue($"{name} must be a string.");
    }

    static bool? Bool(JsonObject? o, string name)
    {
        if (o is null || !o.TryGetPropertyValue(name, out var v) || v is null) return null;
        return v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail.ScimInvalidValue($"{name} must be true or false."),
        };
    }
}
