namespace Roster.Domain.Scim;

/// <summary>
/// A group as Zoom's SCIM2 serves it (reference §3.2): core Group schema plus Zoom's group extension, <c>meta</c> with
/// <c>location</c>, and <c>members</c> as <c>[{value, display}]</c> when the view carries them (GET of one group).
/// </summary>
public static class ScimGroupResource
{
    public static JsonObject Of(ScimGroupView g, string baseUrl)
    {
        var created = g.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var o = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchema.Group, ScimSchema.ZoomGroup),
            ["id"] = g.Id,
            ["displayName"] = g.DisplayName,
        };
        if (g.Members is { } members)
            o["members"] = new JsonArray(members.Select(m => (JsonNode)new JsonObject { ["value"] = m.Value, ["display"] = m.Display }).ToArray());
        o["meta"] = new JsonObject
        {
            ["resourceType"] = "Group", ["created"] = created, ["lastModified"] = created,
            ["location"] = $"{baseUrl}/scim2/Groups/{g.Id}",
        };
        return o;
    }
}
