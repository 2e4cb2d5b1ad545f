namespace Roster.Domain.Abstractions;

/// <summary>Settings: only the values a user changed; defaults come from the schema.</summary>
public interface ISettingsStore
{
    Task<string?> GetSettingsAsync(string userId);
    Task SaveSettingsAsync(string userId, string json);
}
