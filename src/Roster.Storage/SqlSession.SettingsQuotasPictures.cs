namespace Roster.Storage;

internal sealed partial class SqlSession
{
    // ---- settings, e-mail changes, pictures ----

    public Task<string?> GetSettingsAsync(string userId) => One<string?>("SELECT doc FROM user_settings WHERE user_id = @userId", new { userId });

    public Task SaveSettingsAsync(string userId, string json)
        => Later("INSERT INTO user_settings (user_id, doc) VALUES (@userId, @json) ON CONFLICT (user_id) DO UPDATE SET doc = excluded.doc", new { userId, json });

    public async Task<int> CountEmailChangesSinceAsync(string userId, DateTimeOffset since)
        => (int)await Scalar<long>("SELECT COUNT(*) FROM email_changes WHERE user_id = @userId AND at > @since",
            new { userId, since = Ms(since) });

    public Task InsertEmailChangeAsync(string userId, DateTimeOffset at)
        => Exec("INSERT INTO email_changes (user_id, at) VALUES (@userId, @at)", new { userId, at = Ms(at) });

    public Task<long> IncrementDailyAsync(string accountId, string day, string key)
        => Scalar<long>(
            """
            INSERT INTO daily_counters (account_id, day, key, n) VALUES (@accountId, @day, @key, 1)
            ON CONFLICT (account_id, day, key) DO UPDATE SET n = daily_counters.n + 1
            RETURNING n
            """, new { accountId, day, key });

    public Task SavePictureAsync(Picture p)
        => Exec("INSERT INTO pictures (id, user_id, content_type, bytes) VALUES (@Id, @UserId, @ContentType, @Bytes)", new { p.Id, p.UserId, p.ContentType, p.Bytes });

    public Task DeletePicturesOfAsync(string userId) => Exec("DELETE FROM pictures WHERE user_id = @userId", new { userId });

    sealed class PictureRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string ContentType { get; set; } = "";
        public byte[] Bytes { get; set; } = [];
    }

    public async Task<Picture?> GetPictureAsync(string id)
        => await One<PictureRow>("SELECT id, user_id, content_type, bytes FROM pictures WHERE id = @id", new { id }) is { } r
            ? new Picture(r.Id, r.UserId, r.ContentType, r.Bytes) : null;
}
