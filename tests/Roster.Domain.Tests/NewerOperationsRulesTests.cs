using Roster.Domain.Accounts;
using Roster.Domain.Abstractions;
using Roster.Domain.Errors;
using Roster.Domain.Users;

namespace Roster.Domain.Tests;

/// <summary>The rules of the Users operations Zoom added later, tested without HTTP or a store.</summary>
public class NewerOperationsRulesTests
{
    static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PresenceShowsOfflineUntilSetAndADoNotDisturbEndsInAvailable()
    {
        Assert.Equal(new PresenceView("Offline", null, null), PresenceView.Of(null, Now));
        Assert.Equal(new PresenceView("Busy", null, null), PresenceView.Of(new PresenceState("Busy", null, 0), Now));
        var dnd = new PresenceState("Do_Not_Disturb", Now.AddMinutes(30).ToUnixTimeMilliseconds(), Now.ToUnixTimeMilliseconds());
        Assert.Equal(new PresenceView("Do_Not_Disturb", Now.AddMinutes(30), 30), PresenceView.Of(dnd, Now));
        Assert.Equal(30, PresenceView.Of(dnd, Now.AddSeconds(1)).RemainingMinutes); // whole minutes, rounded up
        Assert.Equal(new PresenceView("Available", null, null), PresenceView.Of(dnd, Now.AddMinutes(30)));
    }

    [Theory]
    [InlineData("Do_No_Disturb", "Do_Not_Disturb")]
    [InlineData("Out_of_Office", "Out_of_Office")]
    [InlineData("away", null)]
    [InlineData("Offline", null)]
    [InlineData(null, null)]
    public void PresenceStatusesAreZoomsSpellings(string? given, string? parsed) => Assert.Equal(parsed, PresenceStatuses.Parse(given));

    [Fact]
    public void TheSummaryCountsJoinedUsersByTypeAndPendingOnesApart()
    {
        var s = UsersSummary.Of([
            new UserTally("active", 2, 5), new UserTally("inactive", 2, 1), new UserTally("pending", 2, 3),
            new UserTally("active", 1, 7), new UserTally("active", 3, 2), new UserTally("active", 4, 4), new UserTally("active", 99, 1),
        ]);
        Assert.Equal(new UsersSummary(Licensed: 6, Basic: 7, OnPrem: 2, Room: 0, Pending: 3, JoinOnly: 4, Total: 23), s);
    }

    static byte[] Box(string type, byte[] body)
    {
        var box = new byte[8 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        body.CopyTo(box, 8);
        return box;
    }

    static byte[] Tkhd(int version, int width, int height)
    {
        var body = new byte[version == 1 ? 96 : 84];
        body[0] = (byte)version;
        var at = version == 1 ? 88 : 76;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(at), (uint)width << 16);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(at + 4), (uint)height << 16);
        return Box("tkhd", body);
    }

    static byte[] Video(params byte[][] tracks) => [.. Box("ftyp", "qt  \0\0\0\0qt  "u8.ToArray()), .. Box("mdat", new byte[64]), .. Box("moov", [.. tracks.SelectMany(t => Box("trak", t))])];

    [Fact]
    public void AVideosSizeIsReadFromItsLargestTrackOfEitherHeaderVersion()
    {
        Assert.Equal((1280, 720), VirtualBackgroundRules.VideoSize(Video(Tkhd(0, 0, 0), Tkhd(0, 1280, 720))));
        Assert.Equal((1920, 1080), VirtualBackgroundRules.VideoSize(Video(Tkhd(1, 1920, 1080))));
        Assert.Equal((0, 0), VirtualBackgroundRules.VideoSize(Video(Tkhd(0, 0, 0)))); // audio only
        // a box that claims more than the file holds stops the walk instead of reading past the end
        var broken = Video(Tkhd(0, 640, 480));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(broken.AsSpan(broken.Length - 100), uint.MaxValue);
        Assert.Equal((0, 0), VirtualBackgroundRules.VideoSize(broken));
        Assert.Equal("video", VirtualBackgroundRules.TypeOf(Video(Tkhd(0, 640, 480))));
        Assert.Equal(120, Assert.Throws<ZoomException>(() => VirtualBackgroundRules.TypeOf(Video(Tkhd(0, 2560, 1440)))).Error.Code);
        Assert.Equal(120, Assert.Throws<ZoomException>(() => VirtualBackgroundRules.TypeOf(Video(Tkhd(0, 0, 0)))).Error.Code);
        Assert.Equal("image", VirtualBackgroundRules.TypeOf("GIF87a.."u8));
    }

    [Fact]
    public void SubAccountOptionsChangeOnlyWhatIsGivenAndListConnectorsOnlyWhileShared()
    {
        var shared = new SubAccountOptions { ShareMc = true, MeetingConnectorList = ["10.0.0.1", "::1"] }.ApplyTo(AccountOptions.Default);
        Assert.Equal(AccountOptions.Default with { ShareMc = true, MeetingConnectors = "10.0.0.1,::1" }, shared);
        Assert.Equal(shared with { PayMode = "sub" }, new SubAccountOptions { PayMode = "sub" }.ApplyTo(shared));
        Assert.Equal(AccountOptions.Default, new SubAccountOptions { ShareMc = false }.ApplyTo(shared)); // unsharing empties the list
        foreach (var bad in new[]
        {
            new SubAccountOptions { PayMode = "both" },
            new SubAccountOptions { RoomConnectorList = ["10.0.0.1"] },
            new SubAccountOptions { ShareRc = true, RoomConnectorList = ["10.0.0"] },
        })
            Assert.Equal(300, Assert.Throws<ZoomException>(() => bad.ApplyTo(AccountOptions.Default)).Error.Code);
    }
}
