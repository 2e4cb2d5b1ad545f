namespace Roster.Domain.Abstractions;

/// <summary>Counters that rules read: the e-mail change log (3 per 24 h) and daily quotas.</summary>
public interface IQuotaStore
{
    Task<int> CountEmailChangesSinceAsync(string userId, DateTimeOffset since);
    Task InsertEmailChangeAsync(string userId, DateTimeOffset at);
    /// <summary>Adds one to today's counter and returns the new value.</summary>
    Task<long> IncrementDailyAsync(string accountId, string day, string key);
}
