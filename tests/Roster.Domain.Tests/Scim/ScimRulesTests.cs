using System.Text.Json.Nodes;
using Roster.Domain.Errors;
using Roster.Domain.Scim;
using Roster.Domain.Users;

namespace Roster.Domain.Tests;

/// <summary>SCIM's rules in plain C#: the filter grammar, PATCH semantics as the connectors send them, the canonical form.</summary>
public class ScimRulesTests
{
    const string Enterprise = ScimSchema.Enterprise;

    static JsonObject Resource(Action<User>? change = null)
    {
        var user = new User
        {
            Id = "u1", AccountId = "a", Email = "ada@example.com", Type = UserTypes.Basic, LoginType = LoginTypes.Sso,
            CreatedAt = DateTimeOffset.Parse("2024-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture),
            Profile = new UserProfile { FirstName = "Ada", LastName = "Lovelace", DisplayName = "Ada L", Dept = "Math" },
        };
        change?.Invoke(user);
        return ScimUserResource.Of(ScimUserView.Of(user), "", full: true);
    }

    static string Why(Action a) => Assert.Throws<ZoomException>(a).Error.ScimType ?? "";

    [Fact]
    public void ACreateBodyReadsIntoItsChange()
    {
        var body = JsonNode.Parse($$"""
            {"schemas":["{{ScimSchema.User}}","{{Enterprise}}"],"UserName":"Grace@Example.com","name":{"GivenName":"Grace","familyName":"Hopper"},
             "userType":"Licensed","active":"False","{{Enterprise}}":{"department":"Navy","manager":{"value":"boss@example.com"} } }
            """)!.AsObject();
        var c = ScimUserChange.Read(ScimUserChange.Canonical(body), complete: false);
        Assert.Equal("Grace@Example.com", c.UserName);
        Assert.Equal("Grace", c.GivenName);
        Assert.Equal("Licensed", c.UserType);
        Assert.False(c.Active);
        Assert.Equal("Navy", c.Department);
        Assert.Equal("boss@example.com", c.Manager);
        Assert.Null(c.Title); // absent: unchanged
    }

    [Theory]
    [InlineData("""{"Operations":[{"op":"Replace","path":"active","value":"False"}]}""")] // Entra without aadOptscim062020
    [InlineData("""{"Operations":[{"op":"replace","value":{"active":false}}]}""")] // Entra with it, Okta, Zoom's doc
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"Operations":[{"op":"replace","value":{"active":false}}]}""")] // Zoom's doc URN
    public void DeactivatingPatchesAllSayTheSame(string body)
    {
        var after = ScimPatch.Apply(Resource(), JsonNode.Parse(body)!.AsObject());
        Assert.False(ScimUserChange.Read(after, complete: true).Active);
    }

    [Fact]
    public void PathlessValuesTakeDottedAndUrnQualifiedNames()
    {
        var body = JsonNode.Parse($$"""
            {"Operations":[{"op":"replace","value":{"name.givenName":"Augusta","{{Enterprise}}:employeeNumber":"701","displayName":"AAL"} },
                           {"op":"Add","path":"title","value":"Countess"},
                           {"op":"remove","path":"{{Enterprise}}:department"},
                           {"op":"replace","path":"emails[type eq \"work\"].value","value":"ada@example.com"},
                           {"op":"replace","path":"phoneNumbers[type eq \"work\"].value","value":"+1 555"}]}
            """)!.AsObject();
        var c = ScimUserChange.Read(ScimPatch.Apply(Resource(), body), complete: true);
        Assert.Equal("Augusta", c.GivenName);
        Assert.Equal("Lovelace", c.FamilyName);
        Assert.Equal("701", c.EmployeeNumber);
        Assert.Equal("AAL", c.DisplayName);
        Assert.Equal("Countess", c.Title);
        Assert.Equal("", c.Department); // removed: cleared
    }

    [Fact]
    public void BadPatchesAreRefusedWithTheirScimType()
    {
        JsonObject P(string ops) => JsonNode.Parse($$"""{"Operations":{{ops}}}""")!.AsObject();
        Assert.Equal("invalidSyntax", Why(() => ScimPatch.Apply(Resource(), P("[]"))));
        Assert.Equal("invalidSyntax", Why(() => ScimPatch.Apply(Resource(), P("""[{"op":"move","path":"title","value":"x"}]"""))));
        Assert.Equal("invalidPath", Why(() => ScimPatch.Apply(Resource(), P("""[{"op":"replace","path":"shoeSize","value":"9"}]"""))));
        Assert.Equal("mutability", Why(() => ScimPatch.Apply(Resource(), P("""[{"op":"replace","path":"id","value":"x"}]"""))));
        Assert.Equal("noTarget", Why(() => ScimPatch.Apply(Resource(), P("""[{"op":"remove"}]"""))));
        Assert.Equal("noTarget", Why(() => ScimPatch.Apply(Resource(), P("""[{"op":"remove","path":"emails[type eq \"home\"]"}]"""))));
        Assert.Equal("invalidValue", Why(() => ScimUserChange.Read(ScimPatch.Apply(Resource(), P("""[{"op":"replace","path":"displayName","value":7}]""")), true)));
    }

    [Theory]
    [InlineData("userName eq \"ADA@example.com\"", true)]
    [InlineData("userName eq \"ada@example.com\" and not (active eq false)", true)]
    [InlineData("name.familyName sw \"Love\" and name.givenName ew \"da\"", true)]
    [InlineData("meta.created ge \"2024-01-02T03:04:05Z\" and meta.created lt \"2024-01-03T00:00:00Z\"", true)]
    [InlineData("meta.lastModified gt \"2024-01-02T03:04:05Z\"", false)]
    [InlineData("title pr or displayName co \" L\"", true)]
    [InlineData("externalId eq \"U1\"", false)] // case-exact
    [InlineData("emails[type eq \"work\" and primary eq true]", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"math\"", true)]
    [InlineData("userType ne \"Basic\" or ((userName co \"nope\"))", false)]
    public void FiltersMatchAsRfc7644Says(string filter, bool matches)
        => Assert.Equal(matches, ScimFilter.Parse(filter).Matches(Resource()));

    [Theory]
    [InlineData("")]
    [InlineData("userName")]
    [InlineData("userName xx \"a\"")]
    [InlineData("userName eq a")]
    [InlineData("shoeSize eq \"9\"")]
    [InlineData("active gt true")]
    [InlineData("meta.created gt \"yesterday\"")]
    [InlineData("(userName eq \"a\"")]
    [InlineData("userName eq \"a\" and")]
    [InlineData("name eq \"x\"")]
    [InlineData("emails[type eq \"work\"")]
    [InlineData("userName eq \"unterminated")]
    public void MalformedFiltersAreInvalidFilter(string filter) => Assert.Equal("invalidFilter", Why(() => ScimFilter.Parse(filter)));

    [Fact]
    public void IndexedFiltersNameTheirKeys()
    {
        Assert.Equal(["a@x.com"], ScimFilter.Parse("userName eq \"A@x.com\"").Lookup()!.Emails);
        Assert.Equal(["u1", "u2"], ScimFilter.Parse("externalId eq \"u1\" or id eq \"u2\"").Lookup()!.Ids);
        Assert.NotNull(ScimFilter.Parse("active eq true and userName eq \"a@x.com\"").Lookup());
        Assert.Null(ScimFilter.Parse("userName eq \"a@x.com\" or active eq true").Lookup());
        Assert.Null(ScimFilter.Parse("userName co \"a\"").Lookup());
    }
}
