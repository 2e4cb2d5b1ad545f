using System.Buffers.Binary;
using System.ComponentModel;
using Roster.Domain.Settings;
using static Roster.Domain.Users.UserAccess;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Paging;

namespace Roster.Domain.Users;

/// <summary>One Virtual Background file as Zoom lists it in <c>in_meeting.virtual_background_settings.files</c>.</summary>
[Description("A Virtual Background file of a user, as uploaded and as settings list it.")]
public sealed record VirtualBackgroundFile(
    [property: JsonPropertyName("id"), Description("File id (for deleting it).")] string Id,
    [property: JsonPropertyName("is_default"), Description("Whether it is the user's default background.")] bool IsDefault,
    [property: JsonPropertyName("name"), Description("The file's name.")] string Name,
    [property: JsonPropertyName("size"), Description("Bytes.")] long Size,
    [property: JsonPropertyName("type"), Description("`image` or `video`.")] string Type);

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

/// <summary>A user's Virtual Background files: uploaded and deleted here, listed in the user's settings.</summary>
public sealed class VirtualBackgroundsService(IRosterStore store, TimeProvider clock)
{
    DateTimeOffset Now => clock.GetUtcNow();

    static async Task<(User User, UserSettings Settings)> Load(IStoreSession s, Caller caller, string userId, Operation op, DateTimeOffset now)
    {
        var user = await Target(s, caller, userId, op, hold: true);
        UserSettingsService.RefusePending(user, "changed", now);
        return (user, new UserSettings(await s.GetSettingsAsync(user.Id)));
    }

    static async Task Save(IStoreSession s, TimeProvider clock, Caller caller, User user, UserSettings settings, JsonArray before)
    {
        await s.SaveSettingsAsync(user.Id, settings.ToJson());
        JsonObject Files(JsonArray files) => new() { ["in_meeting"] = new JsonObject { ["virtual_background_settings"] = new JsonObject { ["files"] = files } } };
        var changed = Files(settings.BackgroundFiles());
        var previous = Files(before);
        changed["id"] = user.Id;
        previous["id"] = user.Id;
        await Record(s, clock, caller, DomainEvent.Of(user, new UserSettingsUpdated(changed, previous)));
    }

    public Task<VirtualBackgroundFile> UploadAsync(Caller caller, string userId, string? fileName, byte[] bytes, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(fileName)) throw Fail.PictureMissing();
        if (fileName.Length > 255 || fileName.Any(char.IsControl)) throw Fail.InvalidField("file");
        var type = VirtualBackgroundRules.TypeOf(bytes);
        return store.Write(async s =>
        {
            var (user, settings) = await Load(s, caller, userId, Operations.UploadVirtualBackground, Now);
            if (settings.Full(user)["in_meeting"]?["virtual_background"]?.GetValue<bool>() != true) throw Fail.BackgroundDisabled();
            var before = settings.BackgroundFiles();
            if (before.Count >= VirtualBackgroundRules.MaxFiles) throw Fail.TooManyBackgrounds();
            var file = new VirtualBackgroundFile(Ids.Random(), false, fileName, bytes.Length, type);
            var after = (JsonArray)before.DeepClone();
            after.Add(JsonSerializer.SerializeToNode(file, DomainJsonContext.Default.VirtualBackgroundFile));
            settings.SetBackgroundFiles(after);
            await Save(s, clock, caller, user, settings, before);
            return file;
        }, ct);
    }

    /// <summary>Deletes the named files (comma-separated ids); an id the user does not have refuses the whole call.</summary>
    public Task DeleteAsync(Caller caller, string userId, string? fileIds, CancellationToken ct = default)
    {
        var ids = (fileIds ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        if (ids.Count == 0) throw Fail.InvalidField("file_ids");
        return store.Write(async s =>
        {
            var (user, settings) = await Load(s, caller, userId, Operations.DeleteVirtualBackgrounds, Now);
            var before = settings.BackgroundFiles();
            var have = before.Select(f => f?["id"]?.GetValue<string>()).ToHashSet();
            if (ids.FirstOrDefault(id => !have.Contains(id)) is { } missing) throw Fail.BackgroundNotFound(missing);
            settings.SetBackgroundFiles(new JsonArray([.. before.Where(f => !ids.Contains(f?["id"]?.GetValue<string>() ?? "")).Select(f => f?.DeepClone())]));
            await Save(s, clock, caller, user, settings, before);
            return true;
        }, ct);
    }
}
