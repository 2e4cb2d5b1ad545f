using System.Text.Json;
using Roster.Client.Models;

namespace Roster.Client.Tests;

/// <summary>The golden fixtures the server tests keep in shape, read into the SDK's models: the SDK knows every field.</summary>
public class FixtureModelTests
{
    static string Fixture(string name) => File.ReadAllText(Roster.Server.Tests.FixtureTests.FixturePath(name));

    static T Read<T>(string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
        => JsonSerializer.Deserialize(Fixture(name), info)!;

    [Fact]
    public void UserFixtureHasNoFieldTheSdkDoesNotKnowBesidesTheListedOnes()
    {
        var user = Read("user", ZoomJsonContext.Default.User);
        Assert.False(string.IsNullOrEmpty(user.Id));
        Assert.Equal("ada@example.com", user.Email);
        Assert.Equal(UserTypes.Licensed, user.Type);
        Assert.Equal("Math", user.Department);
        Assert.Equal("Mobile", user.PhoneNumbers!.Single().Label);
        Assert.NotNull(user.CreatedAt);
        // fields the SDK keeps untyped on purpose (rarely used, newer than the SDK's model)
        var untyped = user.Unknown?.Keys.ToHashSet() ?? [];
        untyped.ExceptWith(["jid", "cms_user_id", "im_group_ids", "cluster", "phone_country", "phone_number", "pronouns", "pronouns_option"]);
        Assert.Empty(untyped);
    }

    [Fact]
    public void ListCreateAndSmallAnswersReadIntoTheirModels()
    {
        var page = Read("users", ZoomJsonContext.Default.UserPage);
        Assert.Equal(2, page.Users.Count);
        Assert.False(string.IsNullOrEmpty(page.NextPageToken));
        Assert.True(page.TotalRecords >= 3);
        var created = Read("userCreate", ZoomJsonContext.Default.CreatedUser);
        Assert.Equal("carl@example.com", created.Email);
        Assert.False(Read("userEmail", ZoomJsonContext.Default.ExistedEmail).ExistedEmailValue); // ada is an API user, not a work-e-mail user
        Assert.True(Read("userVanityName", ZoomJsonContext.Default.Existed).ExistedValue);
        Assert.NotEmpty(Read("userPermission", ZoomJsonContext.Default.Permissions).Values);
        Assert.False(string.IsNullOrEmpty(Read("userToken", ZoomJsonContext.Default.TokenResult).Token));
        Assert.Equal("bob@example.com", Read("userAssistants", ZoomJsonContext.Default.AssistantList).Assistants.Single().Email);
        Assert.NotNull(Read("userSchedulers", ZoomJsonContext.Default.SchedulerList).Schedulers.Single().Pmi);
    }

    [Fact]
    public void SettingsFixturesReadIntoTheTypedSettings()
    {
        var settings = Read("userSettings", ZoomJsonContext.Default.UserSettings);
        Assert.Equal("voip", settings.ScheduleMeeting!.AudioType);
        Assert.Null(settings.Unknown);
        Assert.Null(settings.InMeeting!.Unknown);
        var auth = Read("userSettingsMeetingAuthentication", ZoomJsonContext.Default.AuthenticationSettings);
        Assert.NotEmpty(auth.AuthenticationOptions!);
        var security = Read("userSettingsMeetingSecurity", ZoomJsonContext.Default.MeetingSecurityEnvelope).MeetingSecurity!;
        Assert.NotNull(security.WaitingRoom);
    }

    [Fact]
    public void ErrorFixturesReadIntoTheErrorModel()
    {
        var error = Read("error", ZoomJsonContext.Default.ErrorResponse);
        Assert.Equal(1001, error.Code);
        var validation = Read("validationError", ZoomJsonContext.Default.ErrorResponse);
        Assert.Equal(300, validation.Code);
        Assert.Contains(validation.Errors!, e => e.Field == "action");
    }
}
