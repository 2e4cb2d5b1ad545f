using Roster.Domain.Errors;
using Roster.Domain.Users;

namespace Roster.Domain.Tests;

/// <summary>A virtual background file's type and a video's size read from its MP4 boxes, without HTTP or a store.</summary>
public class VirtualBackgroundRulesTests
{
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
}
