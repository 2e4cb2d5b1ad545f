using System.Text.Json.Nodes;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Paging;
using Roster.Domain.Settings;
using Roster.Domain.Users;

namespace Roster.Domain.Tests;

public class PasswordPolicyTests
{
    [Theory]
    [InlineData("Short1a", 1124)]
    [InlineData("abcdefgh", 1126)]
    [InlineData("12345678", 1125)]
    [InlineData("lowercase1", 1128)]
    [InlineData("UPPERCASE1", 1128)]
    [InlineData("Abcdefg1x", 1131)]
    [InlineData("Zx987654321", 1131)]
    [InlineData("Welcome1", 1136)]
    public void BrokenRulesHaveZoomCodes(string password, int code)
        => Assert.Equal(code, Assert.Throws<ZoomException>(() => PasswordPolicy.Check(password)).Error.Code);

    [Theory]
    [InlineData("Str0ngPassw")]
    [InlineData("Abc12Xyz98")]
    public void GoodPasswordsPass(string password) => PasswordPolicy.Check(password);

    [Fact]
    public void HashesAreSaltedAndVerify()
    {
        var hasher = new PasswordHasher(new PasswordHashing(Iterations: 1000));
        var a = hasher.Hash("Str0ngPassw");
        var b = hasher.Hash("Str0ngPassw");
        Assert.NotEqual(a, b);
        Assert.DoesNotContain("Str0ngPassw", a);
        Assert.StartsWith("pbkdf2-sha512$1000$", a, StringComparison.Ordinal);
        Assert.True(hasher.Verify("Str0ngPassw", a));
        Assert.False(hasher.Verify("Str0ngPassW", a));
        Assert.False(hasher.Verify("x", "garbage"));
        // a stored hash keeps its own cost: another host's hasher, at another cost, verifies it
        Assert.True(new PasswordHasher(new PasswordHashing(Iterations: 2000)).Verify("Str0ngPassw", a));
        Assert.StartsWith("pbkdf2-sha512$210000$", new PasswordHasher().Hash("Str0ngPassw"), StringComparison.Ordinal); // the default is untouched
    }
}

public class ProfileRulesTests
{
    [Theory]
    [InlineData(3542471135L, true)]
    [InlineData(1234567890L, false)] // starts with 1
    [InlineData(8005551234L, false)] // toll-free prefix
    [InlineData(2472472471L, false)] // triple group at the start
    [InlineData(3247247247L, false)] // triple group at the end
    [InlineData(2224447773L, false)] // three repeated triples
    [InlineData(2111114567L, false)] // five in a row
    [InlineData(9876543210L, false)] // sequential run
    [InlineData(354247113L, false)]  // nine digits
    public void PmiRules(long pmi, bool ok) => Assert.Equal(ok, ProfileRules.IsPmi(pmi));

    [Fact]
    public void GeneratedPmisAreValid()
    {
        for (var i = 0; i < 1000; i++) Assert.True(ProfileRules.IsPmi(ProfileRules.NewPmi()));
    }

    [Theory]
    [InlineData("jane.doe", true)]
    [InlineData("abcd", false)]
    [InlineData("1jane", false)]
    [InlineData("jane_doe", false)]
    [InlineData("support", false)]
    public void VanityNames(string name, bool ok) => Assert.Equal(ok, ProfileRules.IsVanityName(name));

    [Theory]
    [InlineData("a@example.com", true)]
    [InlineData("a.b+c@sub.example.com", true)]
    [InlineData("a@b", false)]
    [InlineData("no-at.example.com", false)]
    [InlineData("two@@example.com", false)]
    [InlineData("sp ace@example.com", false)]
    public void Emails(string email, bool ok) => Assert.Equal(ok, ProfileRules.IsEmail(email));

    [Fact]
    public void ChineseNamesAreLimited()
    {
        Assert.True(ProfileRules.IsName("张三"));
        Assert.False(ProfileRules.IsName("张三李四王五"));
        Assert.True(ProfileRules.IsName("张三李四王五", maxChinese: 10));
    }
}

public class ScopeTests
{
    static Caller With(params string[] scopes) => new("acct", "me", "client", scopes.ToHashSet());

    [Fact]
    public void AdminScopesReachAnyUser() => Operations.GetUser.Authorize(With("user:read:admin"), targetIsSelf: false);

    [Fact]
    public void UserScopesReachOnlyMe()
    {
        Operations.GetUser.Authorize(With("user:read"), targetIsSelf: true);
        var e = Assert.Throws<ZoomException>(() => Operations.GetUser.Authorize(With("user:read"), targetIsSelf: false));
        Assert.Equal(4711, e.Error.Code);
        Assert.Contains("user:read:admin", e.Error.Message);
    }

    [Fact]
    public void EveryUsersOperationHasAnAdminScope()
    {
        Assert.Equal(31, Operations.UsersApi.Count);
        Assert.All(Operations.UsersApi, o => Assert.NotEmpty(o.AdminScopes));
    }
}

public class TokenCodecTests
{
    [Fact]
    public void TamperedOrForeignTokensAreRejected()
    {
        var codec = new HmacCodec(new byte[32], "test");
        var token = codec.Encode(new PageToken("a", "q", 5, 10, 1, 100), DomainJsonContext.Default.PageToken);
        Assert.True(codec.TryDecode(token, DomainJsonContext.Default.PageToken, out var back));
        Assert.Equal(5, back!.AfterSeq);
        Assert.False(codec.TryDecode(token.Replace('.', 'x'), DomainJsonContext.Default.PageToken, out _));
        Assert.False(codec.TryDecode(token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), DomainJsonContext.Default.PageToken, out _));
        Assert.False(new HmacCodec(new byte[32], "other").TryDecode(token, DomainJsonContext.Default.PageToken, out _));
        Assert.False(codec.TryDecode("", DomainJsonContext.Default.PageToken, out _));
    }
}

public class SettingsTests
{
    static User Basic() => new() { Id = "u", AccountId = "a", Email = "u@example.com", Type = UserTypes.Basic };

    [Fact]
    public void DefaultsComeFromTheSchema()
    {
        var doc = new UserSettings(null).Full(Basic());
        Assert.Equal("voip", doc["schedule_meeting"]!["audio_type"]!.GetValue<string>());
        Assert.Equal(100, doc["feature"]!["meeting_capacity"]!.GetValue<int>());
        Assert.False(doc["in_meeting"]!.AsObject().ContainsKey("auto_answer")); // PATCH-only
    }

    [Fact]
    public void PatchStoresOnlyWhatChanged()
    {
        var settings = new UserSettings(null);
        settings.PatchFull(Basic(), JsonNode.Parse("{\"in_meeting\":{\"chat\":true,\"auto_answer\":true,\"languages\":[\"x\"]}}")!.AsObject());
        Assert.Equal("{\"in_meeting\":{\"chat\":true,\"auto_answer\":true}}", settings.ToJson());
    }

    [Fact]
    public void InvalidPatchThrowsBeforeChangingAnything()
    {
        var settings = new UserSettings("{\"in_meeting\":{\"chat\":true}}");
        var e = Assert.Throws<ZoomException>(() => settings.PatchFull(Basic(), JsonNode.Parse("{\"in_meeting\":{\"chat\":false,\"entry_exit_chime\":\"x\"}}")!.AsObject()));
        Assert.Equal("in_meeting.entry_exit_chime", e.Error.Errors!.Single().Field);
        Assert.Equal("{\"in_meeting\":{\"chat\":true}}", settings.ToJson());
    }

    [Fact]
    public void SchemaCoversEverySection()
    {
        foreach (var section in SettingsSchema.Sections.Append("meeting_security"))
            Assert.True(SettingsSchema.Instance.Root.Children.ContainsKey(section), section);
        Assert.Equal(SettingType.Boolean, SettingsSchema.Instance.Find("in_meeting.waiting_room")!.Type);
        Assert.Equal(SettingType.ObjectArray, SettingsSchema.Instance.Find("in_meeting.virtual_background_settings.files")!.Type);
    }
}
