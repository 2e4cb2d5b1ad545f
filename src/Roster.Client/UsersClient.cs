using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Roster.Client.Models;

namespace Roster.Client;

/// <summary>The Users API: every operation of Zoom's Users resource. <c>userId</c> is an id, an e-mail, or <c>me</c>.</summary>
public class UsersClient
{
    readonly ZoomTransport _transport;

    internal UsersClient(ZoomTransport transport)
    {
        _transport = transport;
        Assistants = new AssistantsClient(transport);
        Schedulers = new SchedulersClient(transport);
        Settings = new SettingsClient(transport);
    }

    /// <summary>For mocking.</summary>
    protected UsersClient()
    {
        _transport = null!;
        Assistants = null!;
        Schedulers = null!;
        Settings = null!;
    }

    /// <summary>A user's assistants.</summary>
    public virtual AssistantsClient Assistants { get; }

    /// <summary>The users a user schedules for.</summary>
    public virtual SchedulersClient Schedulers { get; }

    /// <summary>A user's settings.</summary>
    public virtual SettingsClient Settings { get; }

    internal static string Id(string userId) => Uri.EscapeDataString(userId);

    internal static Func<HttpContent?> Json<T>(T body, JsonTypeInfo<T> info)
        => () => new StringContent(JsonSerializer.Serialize(body, info), Encoding.UTF8, "application/json");

    internal static string Query(params (string Name, string? Value)[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join("&", present);
    }

    /// <summary>GET /users/{userId}: one user.</summary>
    public virtual async Task<User> GetAsync(string userId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/users/{Id(userId)}", null, ZoomJsonContext.Default.User, cancellationToken))!;

    /// <summary>GET /users/{employeeUniqueId}?search_by_unique_id=true: the SSO user the identity provider knows by this id.</summary>
    public virtual async Task<User> GetByEmployeeUniqueIdAsync(string employeeUniqueId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/users/{Id(employeeUniqueId)}?search_by_unique_id=true", null, ZoomJsonContext.Default.User, cancellationToken))!;

    /// <summary>GET /users: one page.</summary>
    public virtual async Task<UserPage> ListAsync(ListUsersOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new();
        var query = Query(("status", options.Status), ("page_size", options.PageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("role_id", options.RoleId), ("include_fields", options.IncludeFields), ("next_page_token", options.NextPageToken), ("license", options.License));
        return (await _transport.SendAsync(HttpMethod.Get, "/users" + query, null, ZoomJsonContext.Default.UserPage, cancellationToken))!;
    }

    /// <summary>Every user matching <paramref name="options"/>, fetching pages (by <c>next_page_token</c>) as the enumeration goes.</summary>
    public virtual async IAsyncEnumerable<User> ListAllAsync(ListUsersOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = new ListUsersOptions
        {
            Status = options?.Status, PageSize = options?.PageSize ?? 300, RoleId = options?.RoleId, IncludeFields = options?.IncludeFields,
            NextPageToken = options?.NextPageToken,
        };
        var seen = new HashSet<string>();
        while (true)
        {
            var result = await ListAsync(page, cancellationToken);
            foreach (var user in result.Users) yield return user;
            if (string.IsNullOrEmpty(result.NextPageToken) || !seen.Add(result.NextPageToken)) yield break;
            page.NextPageToken = result.NextPageToken;
        }
    }

    /// <summary>POST /users.</summary>
    public virtual async Task<CreatedUser> CreateAsync(CreateUserRequest request, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Post, "/users", Json(request, ZoomJsonContext.Default.CreateUserRequest), ZoomJsonContext.Default.CreatedUser, cancellationToken))!;

    /// <summary>PATCH /users/{userId}: only the properties set in <paramref name="update"/> change.</summary>
    public virtual Task UpdateAsync(string userId, UpdateUserRequest update, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Patch, $"/users/{Id(userId)}", Json(update, ZoomJsonContext.Default.UpdateUserRequest), null, cancellationToken);

    /// <summary>DELETE /users/{userId}: disassociate (default) or delete.</summary>
    public virtual Task DeleteAsync(string userId, DeleteUserOptions? options = null, CancellationToken cancellationToken = default)
    {
        static string? B(bool? b) => b is null ? null : b.Value ? "true" : "false";
        var query = Query(("action", options?.Action), ("transfer_email", options?.TransferEmail), ("transfer_meeting", B(options?.TransferMeeting)),
            ("transfer_webinar", B(options?.TransferWebinar)), ("transfer_recording", B(options?.TransferRecording)));
        return _transport.SendAsync<object>(HttpMethod.Delete, $"/users/{Id(userId)}{query}", null, null, cancellationToken);
    }

    /// <summary>PUT /users/{userId}/status: <c>activate</c> or <c>deactivate</c>.</summary>
    public virtual Task SetStatusAsync(string userId, string action, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Put, $"/users/{Id(userId)}/status", Json(new StatusBody { Action = action }, ZoomJsonContext.Default.StatusBody), null, cancellationToken);

    /// <summary>PUT /users/{userId}/email.</summary>
    public virtual Task ChangeEmailAsync(string userId, string email, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Put, $"/users/{Id(userId)}/email", Json(new EmailBody { Email = email }, ZoomJsonContext.Default.EmailBody), null, cancellationToken);

    /// <summary>PUT /users/{userId}/password.</summary>
    public virtual Task SetPasswordAsync(string userId, string password, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Put, $"/users/{Id(userId)}/password", Json(new PasswordBody { Password = password }, ZoomJsonContext.Default.PasswordBody), null, cancellationToken);

    /// <summary>GET /users/{userId}/permissions: privilege names such as <c>User:Edit</c>.</summary>
    public virtual async Task<IReadOnlyList<string>> GetPermissionsAsync(string userId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/users/{Id(userId)}/permissions", null, ZoomJsonContext.Default.Permissions, cancellationToken))!.Values;

    /// <summary>POST /users/{userId}/picture: a JPEG or PNG of at most 2 MB.</summary>
    public virtual async Task UploadPictureAsync(string userId, Stream picture, string fileName, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await picture.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        await _transport.SendAsync<object>(HttpMethod.Post, $"/users/{Id(userId)}/picture", () =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "image/jpeg");
            form.Add(file, "pic_file", fileName);
            return form;
        }, null, cancellationToken);
    }

    /// <summary>GET /users/{userId}/token: <c>token</c> (default) or <c>zak</c>, with an optional ZAK lifetime.</summary>
    public virtual async Task<string?> GetTokenAsync(string userId, string type = "token", TimeSpan? ttl = null, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get,
            $"/users/{Id(userId)}/token{Query(("type", type), ("ttl", ttl is null ? null : ((long)ttl.Value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)))}",
            null, ZoomJsonContext.Default.TokenResult, cancellationToken))!.Token;

    /// <summary>DELETE /users/{userId}/token: signs the user out; earlier tokens stop working.</summary>
    public virtual Task RevokeSsoTokenAsync(string userId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/users/{Id(userId)}/token", null, null, cancellationToken);

    /// <summary>GET /users/me/zak: a ZAK of the token's own user, valid for five minutes (scope <c>user_zak:read</c>).</summary>
    public virtual async Task<string?> GetOwnZakAsync(CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, "/users/me/zak", null, ZoomJsonContext.Default.TokenResult, cancellationToken))!.Token;

    /// <summary>DELETE /users/{userId}/picture: the user shows no profile picture again.</summary>
    public virtual Task DeletePictureAsync(string userId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/users/{Id(userId)}/picture", null, null, cancellationToken);

    /// <summary>
    /// POST /users/{userId}/settings/virtual_backgrounds: a JPG/JPEG, GIF or PNG image or an MP4/MOV video (480×360 to
    /// 1920×1080) of at most 15 MB; at most 10 per user; the user's <c>in_meeting.virtual_background</c> must be on.
    /// </summary>
    public virtual async Task<VirtualBackgroundFile> UploadVirtualBackgroundAsync(string userId, Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        return (await _transport.SendAsync(HttpMethod.Post, $"/users/{Id(userId)}/settings/virtual_backgrounds", () =>
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", fileName);
            return form;
        }, ZoomJsonContext.Default.VirtualBackgroundFile, cancellationToken))!;
    }

    /// <summary>DELETE /users/{userId}/settings/virtual_backgrounds: the named files (all must exist).</summary>
    public virtual Task DeleteVirtualBackgroundsAsync(string userId, IEnumerable<string> fileIds, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/users/{Id(userId)}/settings/virtual_backgrounds{Query(("file_ids", string.Join(',', fileIds)))}",
            null, null, cancellationToken);

    /// <summary>GET /users/summary: the account's users counted by type and status.</summary>
    public virtual async Task<UsersSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, "/users/summary", null, ZoomJsonContext.Default.UsersSummary, cancellationToken))!;

    /// <summary>GET /users/{userId}/presence_status.</summary>
    public virtual async Task<PresenceStatus> GetPresenceStatusAsync(string userId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/users/{Id(userId)}/presence_status", null, ZoomJsonContext.Default.PresenceStatus, cancellationToken))!;

    /// <summary>
    /// PUT /users/{userId}/presence_status: at most once a minute per user; <paramref name="doNotDisturbFor"/> (20 minutes to
    /// 24 hours, whole minutes) only with <c>Do_Not_Disturb</c>.
    /// </summary>
    public virtual Task SetPresenceStatusAsync(string userId, string status, TimeSpan? doNotDisturbFor = null, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Put, $"/users/{Id(userId)}/presence_status",
            Json(new PresenceBody { Status = status, Duration = doNotDisturbFor is { } d ? (int)d.TotalMinutes : null }, ZoomJsonContext.Default.PresenceBody), null, cancellationToken);

    /// <summary>GET /users/email: whether a work-e-mail user of your account has this address.</summary>
    public virtual async Task<bool> IsEmailInUseAsync(string email, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, "/users/email" + Query(("email", email)), null, ZoomJsonContext.Default.ExistedEmail, cancellationToken))!.ExistedEmailValue;

    /// <summary>GET /users/vanity_name: whether a personal link name is taken.</summary>
    public virtual async Task<bool> IsVanityNameInUseAsync(string vanityName, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, "/users/vanity_name" + Query(("vanity_name", vanityName)), null, ZoomJsonContext.Default.Existed, cancellationToken))!.ExistedValue;

    /// <summary>PUT /accounts/{accountId}/users/{userId}/account: move a user to another sub account (<c>me</c> = the master).</summary>
    public virtual Task SwitchAccountAsync(string userId, string currentAccountId, string newAccountId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Put, $"/accounts/{Uri.EscapeDataString(currentAccountId)}/users/{Id(userId)}/account",
            Json(new AccountBody { AccountId = newAccountId }, ZoomJsonContext.Default.AccountBody), null, cancellationToken);
}

/// <summary>Assistants of a user (users who may schedule on their behalf).</summary>
public class AssistantsClient
{
    readonly ZoomTransport _transport;
    internal AssistantsClient(ZoomTransport transport) => _transport = transport;
    /// <summary>For mocking.</summary>
    protected AssistantsClient() => _transport = null!;

    /// <summary>GET /users/{userId}/assistants.</summary>
    public virtual async Task<IReadOnlyList<Assistant>> ListAsync(string userId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/users/{UsersClient.Id(userId)}/assistants", null, ZoomJsonContext.Default.AssistantList, cancellationToken))!.Assistants;

    /// <summary>POST /users/{userId}/assistants (at most 30).</summary>
    public virtual Task AddAsync(string userId, IEnumerable<AssistantRef> assistants, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Post, $"/users/{UsersClient.Id(userId)}/assistants",
            UsersClient.Json(new AssistantAdd { Assistants = [.. assistants] }, ZoomJsonContext.Default.AssistantAdd), null, cancellationToken);

    /// <summary>DELETE /users/{userId}/assistants/{assistantId}.</summary>
    public virtual Task DeleteAsync(string userId, string assistantId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/users/{UsersClient.Id(userId)}/assistants/{Uri.EscapeDataString(assistantId)}", null, null, cancellationToken);

    /// <summary>DELETE /users/{userId}/assistants.</summary>
    public virtual Task DeleteAllAsync(string userId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/users/{UsersClient.Id(userId)}/assistants", null, null, cancellationToken);
}

/// <summary>Schedulers of a user (users for whom this user is an assistant).</summary>
public class SchedulersClient
{
    readonly ZoomTransport _transport;
    internal SchedulersClient(ZoomTransport transport) => _transport = transport;
    /// <summary>For mocking.</summary>
    protected SchedulersClient() => _transport = null!;

    /// <summary>GET /users/{userId}/schedulers.</summary>
    public virtual async Task<IReadOnlyList<Scheduler>> ListAsync(string userId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/users/{UsersClient.Id(userId)}/schedulers", null, ZoomJsonContext.Default.SchedulerList, cancellationToken))!.Schedulers;

    /// <summary>DELETE /users/{userId}/schedulers/{schedulerId}.</summary>
    public virtual Task DeleteAsync(string userId, string schedulerId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/users/{UsersClient.Id(userId)}/schedulers/{Uri.EscapeDataString(schedulerId)}", null, null, cancellationToken);

    /// <summary>DELETE /users/{userId}/schedulers.</summary>
    public virtual Task DeleteAllAsync(string userId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/users/{UsersClient.Id(userId)}/schedulers", null, null, cancellationToken);
}

/// <summary>A user's settings: the full document, authentication options, meeting security.</summary>
public class SettingsClient
{
    readonly ZoomTransport _transport;
    internal SettingsClient(ZoomTransport transport) => _transport = transport;
    /// <summary>For mocking.</summary>
    protected SettingsClient() => _transport = null!;

    /// <summary>GET /users/{userId}/settings: the full settings document.</summary>
    public virtual async Task<UserSettings> GetAsync(string userId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/users/{UsersClient.Id(userId)}/settings", null, ZoomJsonContext.Default.UserSettings, cancellationToken))!;

    /// <summary>PATCH /users/{userId}/settings: sends only what is set in <paramref name="changes"/>.</summary>
    public virtual Task UpdateAsync(string userId, UserSettings changes, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Patch, $"/users/{UsersClient.Id(userId)}/settings", UsersClient.Json(changes, ZoomJsonContext.Default.UserSettings), null, cancellationToken);

    /// <summary>GET settings with <c>option=meeting_authentication</c> or <c>recording_authentication</c>.</summary>
    public virtual async Task<AuthenticationSettings> GetAuthenticationAsync(string userId, string option = "meeting_authentication", CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/users/{UsersClient.Id(userId)}/settings?option={Uri.EscapeDataString(option)}", null, ZoomJsonContext.Default.AuthenticationSettings, cancellationToken))!;

    /// <summary>PATCH settings with <c>option=meeting_authentication</c> or <c>recording_authentication</c>.</summary>
    public virtual Task UpdateAuthenticationAsync(string userId, AuthenticationSettings changes, string option = "meeting_authentication", CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Patch, $"/users/{UsersClient.Id(userId)}/settings?option={Uri.EscapeDataString(option)}",
            UsersClient.Json(changes, ZoomJsonContext.Default.AuthenticationSettings), null, cancellationToken);

    /// <summary>GET settings with <c>option=meeting_security</c>.</summary>
    public virtual async Task<MeetingSecuritySettings> GetMeetingSecurityAsync(string userId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/users/{UsersClient.Id(userId)}/settings?option=meeting_security", null, ZoomJsonContext.Default.MeetingSecurityEnvelope, cancellationToken))!.MeetingSecurity ?? new();

    /// <summary>PATCH settings with <c>option=meeting_security</c>.</summary>
    public virtual Task UpdateMeetingSecurityAsync(string userId, MeetingSecuritySettings changes, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Patch, $"/users/{UsersClient.Id(userId)}/settings?option=meeting_security",
            UsersClient.Json(new MeetingSecurityEnvelope(changes), ZoomJsonContext.Default.MeetingSecurityEnvelope), null, cancellationToken);
}
