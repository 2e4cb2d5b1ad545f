using Roster.Domain.Abstractions;

namespace Roster.Storage;

/// <summary>A user's settings: only the values the user changed, as one JSON document.</summary>
internal sealed class SettingsStore(SqlRunner db) : ISettingsStore
{
    public Task<string?> GetSettingsAsync(string userId) => db.One<string?>("SELECT doc FROM user_settings WHERE user_id = @userId", new { userId });

    public Task SaveSettingsAsync(string userId, string json)
        => db.Later("INSERT INTO user_settings (user_id, doc) VALUES (@userId, @json) ON CONFLICT (user_id) DO UPDATE SET doc = excluded.doc", new { userId, json });
}
