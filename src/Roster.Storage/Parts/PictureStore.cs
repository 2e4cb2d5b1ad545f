using Roster.Domain.Abstractions;

namespace Roster.Storage;

/// <summary>Pictures: the uploaded bytes, served at <c>/p/{id}</c>.</summary>
internal sealed class PictureStore(SqlRunner db) : IPictureStore
{
    public Task SavePictureAsync(Picture p)
        => db.Exec("INSERT INTO pictures (id, user_id, content_type, bytes) VALUES (@Id, @UserId, @ContentType, @Bytes)", new { p.Id, p.UserId, p.ContentType, p.Bytes });

    public Task DeletePicturesOfAsync(string userId) => db.Exec("DELETE FROM pictures WHERE user_id = @userId", new { userId });

    sealed class PictureRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string ContentType { get; set; } = "";
        public byte[] Bytes { get; set; } = [];
    }

    public async Task<Picture?> GetPictureAsync(string id)
        => await db.One<PictureRow>("SELECT id, user_id, content_type, bytes FROM pictures WHERE id = @id", new { id }) is { } r
            ? new Picture(r.Id, r.UserId, r.ContentType, r.Bytes) : null;
}
