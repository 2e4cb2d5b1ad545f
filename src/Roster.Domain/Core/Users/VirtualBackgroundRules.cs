using System.Buffers.Binary;
using Roster.Domain.Errors;

namespace Roster.Domain.Users;

/// <summary>
/// Zoom's rules for Virtual Background files: at most 10 per user, at most 15 MB each, images in JPG/JPEG, GIF or PNG,
/// videos in MP4 or MOV between 480×360 and 1920×1080. Files are recognised by their content, never by their name.
/// </summary>
public static class VirtualBackgroundRules
{
    public const int MaxFiles = 10;
    public const long MaxBytes = 15L * 1024 * 1024;
    public const int MinWidth = 480, MinHeight = 360, MaxWidth = 1920, MaxHeight = 1080;

    /// <summary><c>image</c> or <c>video</c>, or throws Zoom's 400 saying what is wrong with the file.</summary>
    public static string TypeOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) throw Fail.PictureEmpty();
        if (bytes.Length > MaxBytes) throw Fail.BackgroundTooLarge();
        if (UserPicturesService.PictureType(bytes) is not null || bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8)) return "image";
        if (bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8))
        {
            var (width, height) = VideoSize(bytes);
            if (width == 0) throw Fail.BackgroundType();
            if (width < MinWidth || height < MinHeight || width > MaxWidth || height > MaxHeight) throw Fail.BackgroundResolution(width, height);
            return "video";
        }
        throw Fail.BackgroundType();
    }

    /// <summary>
    /// The largest picture size of the video tracks of an MP4/MOV (ISO base media) file: each track header
    /// (<c>moov/trak/tkhd</c>) ends with its width and height in 16.16 fixed point; audio tracks say 0×0.
    /// </summary>
    public static (int Width, int Height) VideoSize(ReadOnlySpan<byte> file)
    {
        int width = 0, height = 0;
        Walk(file, 0);
        return (width, height);

        void Walk(ReadOnlySpan<byte> data, int depth)
        {
            var at = 0;
            while (at + 8 <= data.Length && depth < 8)
            {
                long size = BinaryPrimitives.ReadUInt32BigEndian(data[at..]);
                var header = 8;
                if (size == 1)
                {
                    if (at + 16 > data.Length) return;
                    size = (long)BinaryPrimitives.ReadUInt64BigEndian(data[(at + 8)..]);
                    header = 16;
                }
                else if (size == 0) size = data.Length - at;
                if (size < header || at + size > data.Length) return;
                var type = data.Slice(at + 4, 4);
                var body = data.Slice(at + header, (int)size - header);
                if (type.SequenceEqual("moov"u8) || type.SequenceEqual("trak"u8)) Walk(body, depth + 1);
                else if (type.SequenceEqual("tkhd"u8) && body.Length >= 84)
                {
                    var dims = body[0] == 1 ? 88 : 76; // after version/flags, times, track id, duration, layer, volume, matrix
                    if (body.Length >= dims + 8)
                    {
                        var w = (int)(BinaryPrimitives.ReadUInt32BigEndian(body[dims..]) >> 16);
                        var h = (int)(BinaryPrimitives.ReadUInt32BigEndian(body[(dims + 4)..]) >> 16);
                        if ((long)w * h > (long)width * height) (width, height) = (w, h);
                    }
                }
                at += (int)size;
            }
        }
    }
}
