using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Events;
using Roster.Domain.Paging;
using Roster.Domain.Settings;

namespace Roster.Domain.Users;

public sealed partial class UsersService
{
    public const int MaxAssistants = 30;
    public const int MaxPictureBytes = 2 * 1024 * 1024;
    public const long DefaultZakTtl = 7200;
    public const long ApiUserZakTtl = 7_776_000;
    public const long MaxZakTtl = 31_536_000;
    public static readonly TimeSpan SdkTokenLifetime = TimeSpan.FromDays(14);

    static JsonArray IdList(IEnumerable<string> ids) => new(ids.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    // ---- assistants and schedulers: one relation seen from both sides ----

    public Task<AssistantsAdded> AddAssistantsAsync(Caller caller, string userId, AddAssistantsRequest body, CancellationToken ct = default)
    {
        var refs = body.Assistants;
        if (refs is null || refs.Count == 0) throw Fail.InvalidField("assistants");
        if (refs.Count > MaxAssistants) throw Fail.Invalid($"At most {MaxAssistants} assistants can be added in one request.");
        if (refs.Any(r => string.IsNullOrEmpty(r.Id) && string.IsNullOrEmpty(r.Email))) throw Fail.InvalidField("assistants");
        return store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.AddAssistants);
            var account = await AccountOf(s, user.AccountId);
            if (!account.IsPaid) throw Fail.NoPrivilege("Assistants require a paid account.");
            if (!UserTypes.IsPaid(user.Type)) throw Fail.NoPrivilege("The user must be Licensed or On-prem to have assistants.");
            var existing = (await s.ListAssistantsAsync(user.Id)).Select(a => a.AssistantId).ToHashSet();
            var now = Now;
            var ids = new List<string>();
            foreach (var r in refs)
            {
                var who = r.Id ?? r.Email!;
                var assistant = !string.IsNullOrEmpty(r.Id) ? await s.GetUserAsync(r.Id) : await s.GetUserByEmailAsync(r.Email!.ToLowerInvariant());
                if (assistant is null || assistant.AccountId != user.AccountId || assistant.IsPending)
                    throw Fail.NoPrivilege($"Assistant {who} was not found in this account.");
                if (assistant.Id == user.Id) throw Fail.NoPrivilege("A user cannot be their own assistant.");
                if (!UserTypes.IsPaid(assistant.Type)) throw Fail.NoPrivilege($"Assistant {who} must be Licensed or On-prem.");
                if (!existing.Add(assistant.Id)) throw Fail.NoPrivilege($"Assistant {who} already has scheduling privilege for this user.");
                await s.InsertAssistantAsync(new Assistant(user.Id, assistant.Id, r.CanManageHostPrivateEvent ?? false, now));
                ids.Add(assistant.Id);
            }
            if (existing.Count > MaxAssistants) throw Fail.Invalid($"A user can have at most {MaxAssistants} assistants.");
            await Record(s, caller, Changes.OfUser(EventTypes.UserAssistantsAdded, user, new JsonObject { ["assistants"] = IdList(ids) }));
            return new AssistantsAdded(string.Join(",", ids), now);
        }, ct);
    }

    public Task<IReadOnlyList<AssistantView>> ListAssistantsAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.ReadAsync<IReadOnlyList<AssistantView>>(async s =>
        {
            var user = await Target(s, caller, userId, Operations.ListAssistants);
            var views = new List<AssistantView>();
            foreach (var a in await s.ListAssistantsAsync(user.Id))
                if (await s.GetUserAsync(a.AssistantId) is { } au) views.Add(new AssistantView(au.Id, au.Email, a.CanManageHostPrivateEvent));
            return views;
        }, ct);

    public Task DeleteAssistantAsync(Caller caller, string userId, string assistantId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.DeleteAssistant);
            if (!await s.DeleteAssistantAsync(user.Id, assistantId)) throw Fail.UserNotFound(assistantId);
            await Record(s, caller, Changes.OfUser(EventTypes.UserAssistantsDeleted, user, new JsonObject { ["assistants"] = IdList([assistantId]) }));
            return true;
        }, ct);

    public Task DeleteAssistantsAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.DeleteAssistants);
            var gone = (await s.ListAssistantsAsync(user.Id)).Select(a => a.AssistantId).ToList();
            await s.DeleteAllAssistantsAsync(user.Id);
            if (gone.Count > 0) await Record(s, caller, Changes.OfUser(EventTypes.UserAssistantsDeleted, user, new JsonObject { ["assistants"] = IdList(gone) }));
            return true;
        }, ct);

    public Task<IReadOnlyList<SchedulerView>> ListSchedulersAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.ReadAsync<IReadOnlyList<SchedulerView>>(async s =>
        {
            var user = await Target(s, caller, userId, Operations.ListSchedulers);
            var views = new List<SchedulerView>();
            foreach (var a in await s.ListSchedulersAsync(user.Id))
                if (await s.GetUserAsync(a.UserId) is { } su) views.Add(new SchedulerView(su.Id, su.Email, su.Pmi));
            return views;
        }, ct);

    public Task DeleteSchedulerAsync(Caller caller, string userId, string schedulerId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.DeleteScheduler);
            if (!await s.DeleteAssistantAsync(schedulerId, user.Id)) throw Fail.UserNotFound(schedulerId);
            await Record(s, caller, Changes.OfUser(EventTypes.UserSchedulersDeleted, user, new JsonObject { ["schedulers"] = IdList([schedulerId]) }));
            return true;
        }, ct);

    public Task DeleteSchedulersAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.DeleteSchedulers);
            var gone = (await s.ListSchedulersAsync(user.Id)).Select(a => a.UserId).ToList();
            await s.DeleteAllSchedulersAsync(user.Id);
            if (gone.Count > 0) await Record(s, caller, Changes.OfUser(EventTypes.UserSchedulersDeleted, user, new JsonObject { ["schedulers"] = IdList(gone) }));
            return true;
        }, ct);

    // ---- settings ----

    public Task<JsonObject> GetSettingsAsync(Caller caller, string userId, string? option, string? customQueryFields, CancellationToken ct = default)
    {
        if (!string.IsNullOrEmpty(option) && !SettingsOptions.All.Contains(option)) throw Fail.InvalidField("option");
        return store.ReadAsync(async s =>
        {
            var user = await Target(s, caller, userId, Operations.GetSettings);
            if (user.IsPending)
            {
                ThrowIfInvitationExpired(user);
                throw Fail.PendingUser("The settings of a pending user cannot be accessed.");
            }
            var settings = new UserSettings(await s.GetSettingsAsync(user.Id));
            switch (option)
            {
                case SettingsOptions.MeetingSecurity:
                    return settings.MeetingSecurity();
                case SettingsOptions.MeetingAuthentication or SettingsOptions.RecordingAuthentication:
                    var account = await AccountOf(s, user.AccountId);
                    return settings.Authentication(option, account.Id, account.ManagedDomains);
                default:
                    var fields = string.IsNullOrWhiteSpace(customQueryFields)
                        ? null
                        : customQueryFields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                    return settings.Full(user, fields);
            }
        }, ct);
    }

    /// <summary>Merges a settings PATCH atomically: the read, the merge and the write are one transaction.</summary>
    public Task UpdateSettingsAsync(Caller caller, string userId, string? option, JsonObject body, CancellationToken ct = default)
    {
        if (!string.IsNullOrEmpty(option) && !SettingsOptions.All.Contains(option)) throw Fail.InvalidField("option");
        return store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.UpdateSettings);
            if (user.IsPending)
            {
                ThrowIfInvitationExpired(user);
                throw Fail.PendingUser("The settings of a pending user cannot be changed.");
            }
            var settings = new UserSettings(await s.GetSettingsAsync(user.Id));
            JsonObject changed, previous;
            switch (option)
            {
                case SettingsOptions.MeetingSecurity:
                    var securityBefore = settings.MeetingSecurity();
                    settings.PatchMeetingSecurity(body);
                    (changed, previous) = Changes.Diff(securityBefore, settings.MeetingSecurity());
                    break;
                case SettingsOptions.MeetingAuthentication or SettingsOptions.RecordingAuthentication:
                    var account = await AccountOf(s, user.AccountId);
                    var authBefore = settings.Authentication(option, account.Id, account.ManagedDomains);
                    settings.PatchAuthentication(option, body, account.Id, account.ManagedDomains);
                    (changed, previous) = Changes.Diff(authBefore, settings.Authentication(option, account.Id, account.ManagedDomains));
                    break;
                default:
                    (changed, previous) = settings.PatchFull(user, body);
                    break;
            }
            await s.SaveSettingsAsync(user.Id, settings.ToJson());
            if (changed.Count > 0)
            {
                changed["id"] = user.Id;
                previous["id"] = user.Id;
                await Record(s, caller, new DomainEvent(EventTypes.UserSettingsUpdated, user.AccountId, user.Id, Changes.Data(changed, previous)));
            }
            return true;
        }, ct);
    }

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
            var user = await Target(s, caller, userId, Operations.UploadPicture);
            await s.DeletePicturesOfAsync(user.Id);
            var id = NewId();
            await s.SavePictureAsync(new Picture(id, user.Id, type, bytes));
            user.PicId = id;
            await s.UpdateUserAsync(user);
            await Record(s, caller, Changes.OfUser(EventTypes.UserPictureUpdated, user, new JsonObject { ["pic_id"] = id }));
            return id;
        }, ct);
    }

    public Task<Picture?> GetPictureAsync(string pictureId, CancellationToken ct = default)
        => store.ReadAsync(s => s.GetPictureAsync(pictureId), ct);

    // ---- user tokens ----

    public Task<string> IssueTokenAsync(Caller caller, string userId, string? type, long? ttl, CancellationToken ct = default)
    {
        type = string.IsNullOrEmpty(type) ? "token" : type;
        if (type is not ("token" or "zak")) throw Fail.InvalidField("type");
        if (ttl is { } t && (type != "zak" || t < 1 || t > MaxZakTtl)) throw Fail.InvalidField("ttl");
        return store.ReadAsync(async s =>
        {
            var user = await Target(s, caller, userId, Operations.GetToken);
            ThrowIfInvitationExpired(user);
            var now = Now;
            var lifetime = type == "token"
                ? (long)SdkTokenLifetime.TotalSeconds
                : ttl ?? (user.LoginType == LoginTypes.ApiUser ? ApiUserZakTtl : DefaultZakTtl);
            var payload = new UserTokenPayload(user.Id, type, now.ToUnixTimeMilliseconds(), now.ToUnixTimeSeconds() + lifetime,
                Convert.ToHexString(RandomNumberGenerator.GetBytes(6)));
            return keys.UserTokens.Encode(payload, DomainJsonContext.Default.UserTokenPayload);
        }, ct);
    }

    public Task RevokeTokensAsync(Caller caller, string userId, CancellationToken ct = default)
        => store.Write(async s =>
        {
            var user = await Target(s, caller, userId, Operations.RevokeSsoToken);
            user.TokensRevokedAt = Now;
            await s.UpdateUserAsync(user);
            await Record(s, caller, Changes.OfUser(EventTypes.UserTokensRevoked, user));
            return true;
        }, ct);

    /// <summary>Checks a user token: signed by this store, not expired, issued after the user's last revoke.</summary>
    public Task<UserTokenPayload?> VerifyTokenAsync(Caller caller, string token, CancellationToken ct = default)
    {
        Operations.RosterVerifyToken.AuthorizeAdmin(caller);
        if (!keys.UserTokens.TryDecode(token, DomainJsonContext.Default.UserTokenPayload, out var payload)
            || payload!.ExpiresAt <= Now.ToUnixTimeSeconds())
            return Task.FromResult<UserTokenPayload?>(null);
        return store.ReadAsync<UserTokenPayload?>(async s =>
        {
            var user = await s.GetUserAsync(payload.UserId);
            if (user is null || user.AccountId != caller.AccountId) return null; // another account's token is unknown here
            if (user.TokensRevokedAt is { } revoked && payload.IssuedAtMs <= revoked.ToUnixTimeMilliseconds()) return null;
            return payload;
        }, ct);
    }
}
