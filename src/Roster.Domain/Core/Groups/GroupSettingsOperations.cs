using Roster.Domain.Auth;

namespace Roster.Domain.Groups;

/// <summary>
/// The operations on a group's settings (zoom-groups.md §1): settings, lock settings, webinar registration settings and
/// virtual backgrounds, with the classic group scopes as <see cref="GroupOperations"/> and each one's granular scope.
/// </summary>
public static class GroupSettingsOperations
{
    const string Read = "group:read:admin", Write = "group:write:admin", Master = "group:master";

    static Operation Op(string id, RateLabel label, bool write, string granular)
        => new(id, label, write ? [Write, Master, $"{granular}:admin", $"{granular}:master"] : [Read, Write, Master, $"{granular}:admin", $"{granular}:master"], []);

    public static readonly Operation GetSettings = Op("getGroupSettings", RateLabel.Medium, false, "group:read:settings");
    public static readonly Operation UpdateSettings = Op("updateGroupSettings", RateLabel.Medium, true, "group:update:settings");
    public static readonly Operation GetLockSettings = Op("getGroupLockSettings", RateLabel.Medium, false, "group:read:lock_settings");
    public static readonly Operation UpdateLockSettings = Op("groupLockedSettings", RateLabel.Medium, true, "group:update:lock_settings");
    /// <summary>Zoom publishes no rate label for the registration settings: Medium, as the other settings (docs/compatibility.md).</summary>
    public static readonly Operation GetRegistration = Op("groupSettingsRegistration", RateLabel.Medium, false, "group:read:registration_settings");
    public static readonly Operation UpdateRegistration = Op("groupSettingsRegistrationUpdate", RateLabel.Medium, true, "group:update:registration_settings");
    public static readonly Operation UploadBackground = Op("uploadGroupVB", RateLabel.Medium, true, "group:write:virtual_background_files");
    public static readonly Operation DeleteBackgrounds = Op("delGroupVB", RateLabel.Light, true, "group:delete:virtual_background_files");

    public static readonly IReadOnlyList<Operation> All =
        [GetSettings, UpdateSettings, GetLockSettings, UpdateLockSettings, GetRegistration, UpdateRegistration, UploadBackground, DeleteBackgrounds];

    /// <summary>What a Server-to-Server app Roster makes holds for them beside the classic group scopes (migration 0017 gives the same to apps made before).</summary>
    public static readonly string[] AppScopes =
    [
        "group:read:settings:admin", "group:update:settings:admin", "group:read:lock_settings:admin", "group:update:lock_settings:admin",
        "group:read:registration_settings:admin", "group:update:registration_settings:admin",
        "group:write:virtual_background_files:admin", "group:delete:virtual_background_files:admin",
    ];
}
