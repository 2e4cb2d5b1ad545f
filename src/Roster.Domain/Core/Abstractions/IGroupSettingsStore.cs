using Roster.Domain.Settings;

namespace Roster.Domain.Abstractions;

/// <summary>
/// Groups' settings, lock settings and registration settings: only what a group's admins changed, one row per group.
/// Members' settings are never written from here; they are computed when read (<see cref="GetSettingsLayersAsync"/>).
/// </summary>
public interface IGroupSettingsStore
{
    Task<GroupSettingsRow?> GetGroupSettingsAsync(string groupId);
    Task SaveGroupSettingsAsync(string groupId, string json);
    Task SaveGroupLocksAsync(string groupId, string json);
    Task SaveGroupRegistrationAsync(string groupId, string json);
    /// <summary>The user's own settings and the rows of the groups it is a member of (any order), in one statement by index.</summary>
    Task<SettingsLayers> GetSettingsLayersAsync(string userId);
}
