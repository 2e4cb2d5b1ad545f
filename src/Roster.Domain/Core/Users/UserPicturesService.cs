using static Roster.Domain.Users.UserAccess;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;

namespace Roster.Domain.Users;

/// <summary>Profile pictures: recognised by content, stored in the store, served at pic_url.</summary>
public sealed class UserPicturesService(IRosterStore store, TimeProvider clock)
{
    public const int MaxPictureBytes = 2 * 1024 * 1024;

    static string NewId() => Ids.Random();

    DateTimeOffset Now => clock.GetUtcNow();

    // ---- profile picture ----

    /// <summary>Recognises JPEG and PNG by their first bytes, never by the file name.</summary>
    public static string? PictureType(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return "image/jpeg";
        if (bytes.Length >= 8 && bytes[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        return null;
    }

    public Task<string> UploadPictureAsync(Caller caller, string userId, string? fileName, byte[] bytes, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(fileName)) throw Fail.PictureMissing();
        if (bytes.Length == 0) throw Fail.PictureEmpty();
        if (bytes.Length > MaxPictureBytes) throw Fail.PictureTooLarge();
        var type = PictureType(bytes) ?? throw Fail.PictureType();
        return store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.UploadPicture, hold: true);
            await s.DeletePicturesOfAsync(user.Id);
            var id = NewId();
            await s.SavePictureAsync(new Picture(id, user.Id, type, bytes));
            user.PicId = id;
            await s.UpdateUserAsync(user);
            await Record(s, clock, caller, DomainEvent.Of(user, new UserPictureUpdated(EventUser.Of(user) with { PicId = id })));
            return id;
        }, ct);
    }

    /// <summary>DELETE /users/{userId}/picture: the user shows no picture again; deleting none is not an error.</summary>
    public Task DeletePictureAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.DeletePicture, hold: true);
            if (user.PicId is null) return false;
            await s.DeletePicturesOfAsync(user.Id);
            user.PicId = null;
            await s.UpdateUserAsync(user);
            await Record(s, clock, caller, DomainEvent.Of(user, new UserPictureDeleted(EventUser.Of(user))));
            return true;
        }, ct);

    public Task<Picture?> GetPictureAsync(string pictureId, CancellationToken ct = default)
        => store.ReadAsync(s => s.GetPictureAsync(pictureId), ct);
}
