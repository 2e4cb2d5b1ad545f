namespace Roster.Domain.Scim;

/// <summary>
/// RFC 7644 §4's discovery documents, beyond Zoom (which documents none), describing exactly what Roster serves:
/// the User resource type with its three extensions, their schemas from <see cref="ScimSchema"/>, PATCH and filters
/// supported, no bulk, sort, ETags or password change; and the Group resource type (Zoom's groups).
/// </summary>
public static class ScimDiscovery
{
    const string SpcUrn = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    const string ResourceTypeUrn = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    const string SchemaUrn = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    public static JsonObject ServiceProviderConfig(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(SpcUrn),
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimUsersService.MaxCount },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = false },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken", ["name"] = "OAuth Bearer Token", ["primary"] = true,
            ["description"] = "An access token of an OAuth app (Server-to-Server or user-level) holding scim2 or scim2:admin, acting as the account's owner or an admin.",
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = $"{baseUrl}/scim2/ServiceProviderConfig" },
    };

    /// <summary>The resource types served: User and Group.</summary>
    public static IReadOnlyList<JsonObject> ResourceTypes(string baseUrl) =>
    [
        new()
        {
            ["schemas"] = new JsonArray(ResourceTypeUrn),
            ["id"] = "User", ["name"] = "User", ["endpoint"] = "/Users", ["description"] = "Zoom users (the same users as /v2/users).",
            ["schema"] = ScimSchema.User,
            ["schemaExtensions"] = new JsonArray(ScimSchema.Extensions.Select(e => (JsonNode)new JsonObject { ["schema"] = e, ["required"] = false }).ToArray()),
            ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/scim2/ResourceTypes/User" },
        },
        new()
        {
            ["schemas"] = new JsonArray(ResourceTypeUrn),
            ["id"] = "Group", ["name"] = "Group", ["endpoint"] = "/Groups", ["description"] = "Zoom groups (the same groups as /v2/groups).",
            ["schema"] = ScimSchema.Group,
            ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimSchema.ZoomGroup, ["required"] = false }),
            ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/scim2/ResourceTypes/Group" },
        },
    ];

    public static IReadOnlyList<JsonObject> Schemas(string baseUrl) => ScimSchema.Served.Select(s => new JsonObject
    {
        ["schemas"] = new JsonArray(SchemaUrn),
        ["id"] = s.Id, ["name"] = s.Name, ["description"] = s.Description,
        ["attributes"] = new JsonArray(s.Attributes.Select(a => (JsonNode)Attribute(a)).ToArray()),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{baseUrl}/scim2/Schemas/{s.Id}" },
    }).ToList();

    static JsonObject Attribute(ScimAttribute a)
    {
        var o = new JsonObject
        {
            ["name"] = a.Name, ["type"] = a.Type, ["multiValued"] = a.MultiValued, ["description"] = a.Description, ["required"] = a.Required,
            ["caseExact"] = a.CaseExact, ["mutability"] = a.Mutability, ["returned"] = a.Returned, ["uniqueness"] = a.Uniqueness,
        };
        if (a.CanonicalValues is { } values) o["canonicalValues"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray());
        if (a.Type == "reference") o["referenceTypes"] = new JsonArray("uri");
        if (a.SubAttributes is { } subs) o["subAttributes"] = new JsonArray(subs.Select(x => (JsonNode)Attribute(x)).ToArray());
        return o;
    }

    /// <summary>RFC 7644's list envelope.</summary>
    public static JsonObject List(IReadOnlyList<JsonObject> resources, int total, int startIndex) => new()
    {
        ["schemas"] = new JsonArray(ScimSchema.ListResponse),
        ["totalResults"] = total,
        ["startIndex"] = startIndex,
        ["itemsPerPage"] = resources.Count,
        ["Resources"] = new JsonArray(resources.Select(r => (JsonNode)r).ToArray()),
    };
}
