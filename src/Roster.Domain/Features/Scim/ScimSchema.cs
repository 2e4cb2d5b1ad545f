namespace Roster.Domain.Scim;

/// <summary>One attribute of a served SCIM schema (RFC 7643 §7), as <c>/scim2/Schemas</c> describes it.</summary>
public sealed record ScimAttribute(string Name, string Type, string Description, bool MultiValued = false, bool Required = false, bool CaseExact = false,
    string Mutability = "readWrite", string Returned = "default", string Uniqueness = "none", IReadOnlyList<ScimAttribute>? SubAttributes = null,
    IReadOnlyList<string>? CanonicalValues = null);

/// <summary>A served schema: its URN, name and attributes.</summary>
public sealed record ScimSchemaDefinition(string Id, string Name, string Description, IReadOnlyList<ScimAttribute> Attributes);

/// <summary>
/// The SCIM schemas Roster serves for Users, exactly the attributes it reads and writes (reference zoom-scim2.md §3.1);
/// <c>/scim2/Schemas</c>, the filter's types and the PATCH paths all read this one table.
/// </summary>
public static class ScimSchema
{
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ZoomUser = "urn:us:zoom:scim:schemas:extension:1.0:ZoomUser";
    public const string ZoomProfile = "urn:ietf:params:scim:schemas:extension:zoom:1.0:User";
    public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string ZoomGroup = "urn:ietf:params:scim:schemas:extension:zoom:2.0:Group";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";

    /// <summary>The extension URNs of a User, in the order a resource lists them.</summary>
    public static readonly string[] Extensions = [Enterprise, ZoomUser, ZoomProfile];

    /// <summary>Zoom's <c>userType</c> values and Roster's user types (1, 2, 3); others are refused as Zoom refuses them.</summary>
    public static readonly IReadOnlyDictionary<string, int> UserTypes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["Basic"] = Users.UserTypes.Basic, ["Licensed"] = Users.UserTypes.Licensed, ["On-Prem"] = Users.UserTypes.OnPrem,
    };

    static ScimAttribute S(string name, string description, string mutability = "readWrite", string returned = "default", bool required = false,
        bool caseExact = false, string uniqueness = "none", IReadOnlyList<string>? canonical = null)
        => new(name, "string", description, Required: required, CaseExact: caseExact, Mutability: mutability, Returned: returned, Uniqueness: uniqueness,
            CanonicalValues: canonical);

    static ScimAttribute B(string name, string description, string mutability = "readWrite") => new(name, "boolean", description, Mutability: mutability);

    public static readonly ScimSchemaDefinition UserSchema = new(User, "User", "A Zoom user, the same user /v2/users serves.",
    [
        S("id", "The Zoom user id (as /v2/users).", "readOnly", "always", caseExact: true, uniqueness: "server"),
        S("userName", "The user's e-mail; set at creation and not changed afterwards (as Zoom).", "immutable", required: true, uniqueness: "server"),
        new("name", "complex", "The user's name.", SubAttributes:
        [
            S("givenName", "First name."),
            S("familyName", "Last name."),
        ]),
        S("displayName", "Display name."),
        S("title", "Job title."),
        new("emails", "complex", "The user's e-mail, as userName (read only: it changes with userName).", MultiValued: true, Mutability: "readOnly", SubAttributes:
        [
            S("value", "The e-mail.", "readOnly"),
            S("type", "Always work.", "readOnly", canonical: ["work"]),
            B("primary", "Always true.", "readOnly"),
        ]),
        B("active", "Active (true) or deactivated (false); a pending user is no SCIM user."),
        S("userType", "Basic, Licensed or On-Prem (types 1, 2, 3).", canonical: ["Basic", "Licensed", "On-Prem"]),
        new("meta", "complex", "Resource metadata.", Mutability: "readOnly", SubAttributes:
        [
            S("resourceType", "User.", "readOnly", caseExact: true),
            new("created", "dateTime", "When the user was created.", Mutability: "readOnly"),
            new("lastModified", "dateTime", "When an attribute of this resource last changed.", Mutability: "readOnly"),
            new("location", "reference", "The resource's URL.", Mutability: "readOnly", CaseExact: true),
            S("version", "A weak version of this representation (it changes with any attribute).", "readOnly", caseExact: true),
        ]),
    ]);

    public static readonly ScimSchemaDefinition EnterpriseSchema = new(Enterprise, "EnterpriseUser", "Enterprise attributes (RFC 7643 §4.3; manager as Zoom sends it).",
    [
        S("department", "Department (dept)."),
        S("organization", "Company (company); only on GET of one user."),
        S("costCenter", "Cost center (cost_center); only on GET of one user."),
        S("employeeNumber", "The identity provider's id of the user (employee_unique_id)."),
        S("manager", "The manager's e-mail: a string, as Zoom sends it, not RFC 7643's object; only on GET of one user."),
    ]);

    public static readonly ScimSchemaDefinition ZoomUserSchema = new(ZoomUser, "ZoomUser", "Zoom's login types.",
    [
        new("loginType", "complex", "How the user signs in; set at creation (sso: login type 101, workEmail: 100).", Mutability: "immutable", SubAttributes:
        [
            B("workEmail", "Signs in with e-mail and password.", "immutable"),
            B("sso", "Signs in through single sign-on.", "immutable"),
        ]),
    ]);

    public static readonly ScimSchemaDefinition ZoomProfileSchema = new(ZoomProfile, "ZoomUserProfile", "Zoom's profile extension; only on GET of one user.",
    [
        S("pronouns", "Pronouns."),
        S("personalLinkName", "The personal link (vanity) name."),
        S("zoomUnited", "The Zoom United plan code (plan_united_type)."),
    ]);

    public static readonly ScimSchemaDefinition GroupSchema = new(Group, "Group", "A Zoom group, the same group /v2/groups serves.",
    [
        S("id", "The Zoom group id (as /v2/groups).", "readOnly", "always", caseExact: true, uniqueness: "server"),
        S("displayName", "The group's name, unique in the account.", required: true, uniqueness: "server"),
        new("members", "complex", "The group's members (on GET of one group; lists leave them out).", MultiValued: true, SubAttributes:
        [
            S("value", "The member's Zoom user id.", "immutable", caseExact: true),
            S("display", "The member's first and last name, else its e-mail.", "readOnly"),
        ]),
        new("meta", "complex", "Resource metadata.", Mutability: "readOnly", SubAttributes:
        [
            S("resourceType", "Group.", "readOnly", caseExact: true),
            new("created", "dateTime", "When the group was created.", Mutability: "readOnly"),
            new("lastModified", "dateTime", "The group's creation time (Roster keeps no later one).", Mutability: "readOnly"),
            new("location", "reference", "The resource's URL.", Mutability: "readOnly", CaseExact: true),
        ]),
    ]);

    public static readonly ScimSchemaDefinition ZoomGroupSchema = new(ZoomGroup, "ZoomGroup", "Zoom's group extension (emailAlias is not stored).", [S("emailAlias", "Accepted, not stored.")]);

    /// <summary>The schemas discovery lists: the user's, then the group's (filters and PATCH paths of users resolve only in <see cref="All"/>).</summary>
    public static IReadOnlyList<ScimSchemaDefinition> Served => [.. All, GroupSchema, ZoomGroupSchema];

    public static readonly IReadOnlyList<ScimSchemaDefinition> All = [UserSchema, EnterpriseSchema, ZoomUserSchema, ZoomProfileSchema];

    /// <summary>The schema a URN names (case-insensitively, as RFC 7643 §2.1 compares names), else null.</summary>
    public static ScimSchemaDefinition? Of(string urn) => All.FirstOrDefault(s => string.Equals(s.Id, urn, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// An attribute by its path: <c>urn:…:Attr.sub</c> or <c>attr.sub</c> (core, then the extensions), case-insensitively;
    /// <c>externalId</c> is RFC 7643's common attribute (Zoom matches it against the user id). Null when not served.
    /// </summary>
    public static ResolvedPath? Resolve(string path)
    {
        string? urn = null;
        var rest = path;
        foreach (var s in All)
            if (path.StartsWith(s.Id + ":", StringComparison.OrdinalIgnoreCase))
            {
                urn = s.Id;
                rest = path[(s.Id.Length + 1)..];
                break;
            }
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var top = dot < 0 ? rest : rest[..dot];
        var sub = dot < 0 ? null : rest[(dot + 1)..];
        if (urn is null && string.Equals(top, "externalId", StringComparison.OrdinalIgnoreCase) && sub is null)
            return new ResolvedPath(null, new ScimAttribute("externalId", "string", "Matches the Zoom user id (as Zoom).", CaseExact: true), null);
        IEnumerable<ScimSchemaDefinition> candidates = urn is null ? All : [All.First(s => s.Id == urn)];
        foreach (var schema in candidates)
        {
            var attr = schema.Attributes.FirstOrDefault(a => string.Equals(a.Name, top, StringComparison.OrdinalIgnoreCase));
            if (attr is null) continue;
            if (sub is null) return new ResolvedPath(schema.Id == User ? null : schema.Id, attr, null);
            var subAttr = attr.SubAttributes?.FirstOrDefault(a => string.Equals(a.Name, sub, StringComparison.OrdinalIgnoreCase));
            return subAttr is null ? null : new ResolvedPath(schema.Id == User ? null : schema.Id, attr, subAttr);
        }
        return null;
    }
}

/// <summary>A served attribute a path names: its extension (null: core), the attribute and the sub-attribute if any.</summary>
/// <param name="Relative">Inside a value path (<c>emails[type eq "work"]</c>): the sub-attribute of the item being tested.</param>
public sealed record ResolvedPath(string? Extension, ScimAttribute Attribute, ScimAttribute? Sub, bool Relative = false)
{
    /// <summary>The type of what the path reaches.</summary>
    public string Type => (Sub ?? Attribute).Type;
    public bool CaseExact => (Sub ?? Attribute).CaseExact;

    /// <summary>The values this path reaches in a resource (a multi-valued attribute gives one per item).</summary>
    public IEnumerable<JsonNode?> ValuesIn(JsonObject resource)
    {
        if (Relative)
        {
            yield return resource[Sub!.Name];
            yield break;
        }
        var holder = Extension is null ? resource : resource[Extension] as JsonObject;
        if (holder is null) yield break;
        var value = holder[Attribute.Name];
        if (Attribute.Name == "externalId" && Extension is null) value = resource["id"];
        if (value is JsonArray items)
        {
            foreach (var item in items) yield return Sub is null ? item : (item as JsonObject)?[Sub.Name];
        }
        else yield return Sub is null ? value : (value as JsonObject)?[Sub.Name];
    }
}
