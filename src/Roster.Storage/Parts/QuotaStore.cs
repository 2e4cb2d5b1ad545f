using Roster.Domain.Abstractions;
using static Roster.Storage.DbTime;

namespace Roster.Storage;

/// <summary>Counters that rules read: the e-mail change log and daily quotas.</summary>
internal sealed class QuotaStore(SqlRunner db) : IQuotaStore
{
    public async Task<int> CountEmailChangesSinceAsync(string userId, DateTimeOffset since)
        => (int)await db.Scalar<long>("SELECT COUNT(*) FROM email_changes WHERE user_id = @userId AND at > @since",
            new { userId, since = Ms(since) });

    public Task InsertEmailChangeAsync(string userId, DateTimeOffset at)
        => db.Exec("INSERT INTO email_changes (user_id, at) VALUES (@userId, @at)", new { userId, at = Ms(at) });

    public Task<long> IncrementDailyAsync(string accountId, string day, string key)
        => db.Scalar<long>(
            """
            INSERT INTO daily_counters (account_id, day, key, n) VALUES (@accountId, @day, @key, 1)
            ON CONFLICT (account_id, day, key) DO UPDATE SET n = daily_counters.n + 1
            RETURNING n
            """, new { accountId, day, key });
}
