using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Paging;
using Roster.Domain.Settings;
using static Roster.Domain.Users.UserAccess;

namespace Roster.Domain.Users;

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
