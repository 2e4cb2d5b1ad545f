using Microsoft.AspNetCore.Mvc;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Users;
using Roster.Server.Auth;
using Roster.Server.Http;

namespace Roster.Server.Users;

/// <summary>The operations under <c>/v2/users</c>. Handlers only translate HTTP to <see cref="UsersService"/> calls and back.</summary>
public static class UsersEndpoints
{
    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v2/users").RequireZoomToken().WithTags("Users");

        users.MapGet("", ListUsers).WithName("users").Returns<UserListDto>(200).Summary("List users").Scoped(Operations.ListUsers);
        users.MapPost("", CreateUser).WithName("userCreate").Body<CreateUserRequest>().Returns<CreatedUserDto>(201, 409, 429).Summary("Create users").Scoped(Operations.CreateUser);
        users.MapGet("/email", CheckEmail).WithName("userEmail").Returns<ExistedEmailDto>(200).Summary("Check a user email").Scoped(Operations.CheckEmail);
        users.MapGet("/summary", Summary).WithName("getUserSummary").Returns<UsersSummaryDto>(200).Summary("Get user summary").Scoped(Operations.UsersSummary);
        users.MapGet("/me/zak", GetOwnZak).WithName("userZak").Returns<TokenDto>(200, 404).Summary("Get the user's ZAK").Scoped(Operations.GetOwnZak);
        users.MapGet("/vanity_name", CheckVanityName).WithName("userVanityName").Returns<ExistedDto>(200).Summary("Check a user's PM room name").Scoped(Operations.CheckVanityName);
        users.MapGet("/{userId}", GetUser).WithName("user").Returns<UserDto>(200, 404).Summary("Get a user").Scoped(Operations.GetUser);
        users.MapPatch("/{userId}", UpdateUser).WithName("userUpdate").Body<UserUpdate>().NoContent(404).Summary("Update a user").Scoped(Operations.UpdateUser);
        users.MapDelete("/{userId}", DeleteUser).WithName("userDelete").NoContent(404).Summary("Delete a user").Scoped(Operations.DeleteUser);
        users.MapPut("/{userId}/status", UpdateStatus).WithName("userStatus").Body<StatusRequest>().NoContent(404).Summary("Update user status").Scoped(Operations.UpdateStatus);
        users.MapPut("/{userId}/email", UpdateEmail).WithName("userEmailUpdate").Body<EmailRequest>().NoContent(404, 409).Summary("Update a user's email").Scoped(Operations.UpdateEmail);
        users.MapPut("/{userId}/password", UpdatePassword).WithName("userPassword").Body<PasswordRequest>().NoContent(404).Summary("Update a user's password").Scoped(Operations.UpdatePassword);
        users.MapGet("/{userId}/permissions", GetPermissions).WithName("userPermission").Returns<PermissionsDto>(200, 404).Summary("Get user permissions").Scoped(Operations.GetPermissions);
        users.MapPost("/{userId}/picture", UploadPicture).WithName("userPicture").Body<PictureUpload>("multipart/form-data").Created(404, 415).Summary("Upload a user's profile picture").Scoped(Operations.UploadPicture).DisableAntiforgery();
        users.MapDelete("/{userId}/picture", DeletePicture).WithName("userPictureDelete").NoContent(404).Summary("Delete a user's profile picture").Scoped(Operations.DeletePicture);
        users.MapGet("/{userId}/presence_status", GetPresence).WithName("getUserPresenceStatus").Returns<PresenceDto>(200, 404).Summary("Get a user's presence status").Scoped(Operations.GetPresenceStatus);
        users.MapPut("/{userId}/presence_status", UpdatePresence).WithName("updatePresenceStatus").Body<PresenceRequest>().NoContent(404, 429).Summary("Update a user's presence status").Scoped(Operations.UpdatePresenceStatus);
        users.MapGet("/{userId}/token", GetToken).WithName("userToken").Returns<TokenDto>(200, 404).Summary("Get a user token").Scoped(Operations.GetToken);
        users.MapDelete("/{userId}/token", RevokeToken).WithName("userSSOTokenDelete").NoContent(404).Summary("Revoke a user's SSO token").Scoped(Operations.RevokeSsoToken);
        users.MapGet("/{userId}/assistants", ListAssistants).WithName("userAssistants").Returns<AssistantsDto>(200, 404).Summary("List user assistants").Scoped(Operations.ListAssistants);
        users.MapPost("/{userId}/assistants", AddAssistants).WithName("userAssistantCreate").Body<AddAssistantsRequest>().Returns<AssistantsAddedDto>(201, 404).Summary("Add assistants").Scoped(Operations.AddAssistants);
        users.MapDelete("/{userId}/assistants", DeleteAssistants).WithName("userAssistantsDelete").NoContent(404).Summary("Delete user assistants").Scoped(Operations.DeleteAssistants);
        users.MapDelete("/{userId}/assistants/{assistantId}", DeleteAssistant).WithName("userAssistantDelete").NoContent(404).Summary("Delete a user assistant").Scoped(Operations.DeleteAssistant);
        users.MapGet("/{userId}/schedulers", ListSchedulers).WithName("userSchedulers").Returns<SchedulersDto>(200, 404).Summary("List user schedulers").Scoped(Operations.ListSchedulers);
        users.MapDelete("/{userId}/schedulers", DeleteSchedulers).WithName("userSchedulersDelete").NoContent(404).Summary("Delete user schedulers").Scoped(Operations.DeleteSchedulers);
        users.MapDelete("/{userId}/schedulers/{schedulerId}", DeleteScheduler).WithName("userSchedulerDelete").NoContent(404).Summary("Delete a scheduler").Scoped(Operations.DeleteScheduler);
        users.MapPost("/{userId}/settings/virtual_backgrounds", UploadBackground).WithName("uploadVBuser").Body<BackgroundUpload>("multipart/form-data")
            .Returns<VirtualBackgroundFile>(201, 404, 415).Summary("Upload virtual background files").Scoped(Operations.UploadVirtualBackground).DisableAntiforgery();
        users.MapDelete("/{userId}/settings/virtual_backgrounds", DeleteBackgrounds).WithName("delUserVB").NoContent(404).Summary("Delete virtual background files").Scoped(Operations.DeleteVirtualBackgrounds);
        users.MapGet("/{userId}/settings", GetSettings).WithName("userSettings").Returns<System.Text.Json.Nodes.JsonObject>(200, 404).Summary("Get user settings").Scoped(Operations.GetSettings);
        users.MapPatch("/{userId}/settings", UpdateSettings).WithName("userSettingsUpdate").Body<System.Text.Json.Nodes.JsonObject>().NoContent(404).Summary("Update user settings").Scoped(Operations.UpdateSettings);

        // Public picture links (pic_url), as Zoom serves pictures from its CDN without a token.
        app.MapGet("/p/{pictureId}", ServePicture).WithName("rosterPicture").ExcludeFromDescription();
        return users;
    }

    static CancellationToken Ct(HttpContext c) => c.RequestAborted;

    /// <summary>A write that answers 204 with no body once it completed.</summary>
    static async Task<IResult> Done(Task work)
    {
        await work;
        return TypedResults.NoContent();
    }

    public static async Task<IResult> ListUsers(HttpContext http, UsersService users,
        [FromQuery] string? status, [FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "page_number")] string? pageNumber,
        [FromQuery(Name = "next_page_token")] string? nextPageToken, [FromQuery(Name = "role_id")] string? roleId,
        [FromQuery(Name = "include_fields")] string? includeFields, [FromQuery] string? license)
    {
        var query = new ListUsersQuery(status, Input.Int(pageSize, "page_size"), Input.Int(pageNumber, "page_number"), nextPageToken, roleId, includeFields, license);
        var page = await users.ListAsync(http.Caller(), query, Ct(http));
        var fields = (includeFields ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new UserListWriter(page, UserWire.BaseUrl(http.Request), fields.Contains("custom_attributes"), fields.Contains("host_key"));
    }

    public static async Task<IResult> CreateUser(HttpContext http, UsersService users, ILoggerFactory logs)
    {
        var body = await Input.Json(http.Request, ServerJson.Default.CreateUserRequest);
        var created = await users.CreateAsync(http.Caller(), body, Ct(http));
        var u = created.User;
        if (created.InvitationToken is { } token)
            // The link sets the user's password, so it is a secret: it never reaches the log; admins list it.
            logs.CreateLogger("Roster.Invitations").LogInformation(
                "Invitation for {Email} created; its link is listed at GET /roster/v1/invitations", u.Email);
        return TypedResults.Json(new CreatedUserDto(u.Id, u.Profile.FirstName ?? "", u.Profile.LastName ?? "", u.Email, u.Type),
            ServerJson.Default.CreatedUserDto, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> CheckEmail(HttpContext http, UsersService users, [FromQuery] string? email)
        => TypedResults.Json(new ExistedEmailDto(await users.EmailInUseAsync(http.Caller(), email, Ct(http))), ServerJson.Default.ExistedEmailDto);

    public static async Task<IResult> CheckVanityName(HttpContext http, UsersService users, [FromQuery(Name = "vanity_name")] string? vanityName)
        => TypedResults.Json(new ExistedDto(await users.VanityNameInUseAsync(http.Caller(), vanityName, Ct(http))), ServerJson.Default.ExistedDto);

    public static async Task<IResult> GetUser(HttpContext http, UsersService users, AccountFacts accounts, TimeProvider clock, string userId,
        [FromQuery(Name = "login_type")] string? loginType, [FromQuery(Name = "search_by_unique_id")] string? searchByUniqueId)
    {
        Input.Int(loginType, "login_type");
        var user = await users.GetAsync(http.Caller(), userId, Ct(http), byUniqueId: Input.Bool(searchByUniqueId, "search_by_unique_id") == true);
        var accountNumber = (await accounts.OfAsync(user.AccountId, Ct(http))).Number;
        return TypedResults.Json(UserWire.Full(user, UserWire.BaseUrl(http.Request), accountNumber, clock.GetUtcNow()), ServerJson.Default.UserDto);
    }

    public static async Task<IResult> UpdateUser(HttpContext http, UsersService users, string userId)
    {
        var body = await Input.Json(http.Request, ServerJson.Default.UserUpdate);
        await users.UpdateAsync(http.Caller(), userId, body, Ct(http));
        return TypedResults.NoContent();
    }

    public static async Task<IResult> DeleteUser(HttpContext http, UsersService users, string userId,
        [FromQuery] string? action, [FromQuery(Name = "transfer_email")] string? transferEmail)
    {
        foreach (var flag in new[] { "encrypted_email", "transfer_meeting", "transfer_webinar", "transfer_recording", "transfer_whiteboard" })
            Input.Bool(http.Request.Query[flag].FirstOrDefault(), flag);
        await users.DeleteAsync(http.Caller(), userId, new DeleteUserQuery(action, transferEmail), Ct(http));
        return TypedResults.NoContent();
    }

    public static async Task<IResult> UpdateStatus(HttpContext http, UsersService users, string userId)
        => await Done(users.SetStatusAsync(http.Caller(), userId, await Input.Json(http.Request, ServerJson.Default.StatusRequest), Ct(http)));

    public static async Task<IResult> UpdateEmail(HttpContext http, UsersService users, string userId)
        => await Done(users.ChangeEmailAsync(http.Caller(), userId, await Input.Json(http.Request, ServerJson.Default.EmailRequest), Ct(http)));

    public static async Task<IResult> UpdatePassword(HttpContext http, UsersService users, string userId)
        => await Done(users.SetPasswordAsync(http.Caller(), userId, await Input.Json(http.Request, ServerJson.Default.PasswordRequest), Ct(http)));

    public static async Task<IResult> GetPermissions(HttpContext http, UsersService users, string userId)
        => TypedResults.Json(new PermissionsDto(await users.PermissionsAsync(http.Caller(), userId, Ct(http))), ServerJson.Default.PermissionsDto);

    /// <summary>The one file of a multipart upload, by its part name, refused above <paramref name="maxBytes"/> before it is read.</summary>
    static async Task<(string FileName, byte[] Bytes)> UploadedFile(HttpContext http, string part, long maxBytes, Func<ZoomException> tooLarge)
    {
        if (!http.Request.HasFormContentType) throw Fail.PictureNotMultipart();
        var form = await http.Request.ReadFormAsync(Ct(http));
        var file = form.Files.GetFile(part) ?? throw Fail.PictureMissing();
        if (file.Length > maxBytes) throw tooLarge();
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, Ct(http));
        return (file.FileName, buffer.ToArray());
    }

    public static async Task<IResult> UploadPicture(HttpContext http, UserPicturesService users, string userId)
    {
        var (name, bytes) = await UploadedFile(http, "pic_file", UserPicturesService.MaxPictureBytes, Fail.PictureTooLarge);
        await users.UploadPictureAsync(http.Caller(), userId, name, bytes, Ct(http));
        return Results.StatusCode(StatusCodes.Status201Created); // Zoom documents no body
    }

    public static Task<IResult> DeletePicture(HttpContext http, UserPicturesService users, string userId)
        => Done(users.DeletePictureAsync(http.Caller(), userId, Ct(http)));

    public static async Task<IResult> Summary(HttpContext http, UsersService users)
    {
        var s = await users.SummaryAsync(http.Caller(), Ct(http));
        return TypedResults.Json(new UsersSummaryDto(s.Licensed, s.Basic, s.OnPrem, s.Room, s.Pending, s.JoinOnly, s.Total), ServerJson.Default.UsersSummaryDto);
    }

    public static async Task<IResult> GetOwnZak(HttpContext http, UserTokensService users)
        => TypedResults.Json(new TokenDto(await users.IssueOwnZakAsync(http.Caller(), Ct(http))), ServerJson.Default.TokenDto);

    public static async Task<IResult> GetPresence(HttpContext http, UserPresenceService users, string userId)
    {
        var p = await users.GetAsync(http.Caller(), userId, Ct(http));
        return TypedResults.Json(new PresenceDto(p.Status) { EndTime = p.EndTime is { } end ? UserWire.Time(end) : null, RemainingTime = p.RemainingMinutes }, ServerJson.Default.PresenceDto);
    }

    public static async Task<IResult> UpdatePresence(HttpContext http, UserPresenceService users, string userId)
        => await Done(users.SetAsync(http.Caller(), userId, await Input.Json(http.Request, ServerJson.Default.PresenceRequest), Ct(http)));

    public static async Task<IResult> UploadBackground(HttpContext http, VirtualBackgroundsService backgrounds, string userId)
    {
        var (name, bytes) = await UploadedFile(http, "file", VirtualBackgroundRules.MaxBytes, Fail.BackgroundTooLarge);
        var made = await backgrounds.UploadAsync(http.Caller(), userId, name, bytes, Ct(http));
        return TypedResults.Json(made, ServerJson.Default.VirtualBackgroundFile, statusCode: StatusCodes.Status201Created);
    }

    public static Task<IResult> DeleteBackgrounds(HttpContext http, VirtualBackgroundsService backgrounds, string userId, [FromQuery(Name = "file_ids")] string? fileIds)
        => Done(backgrounds.DeleteAsync(http.Caller(), userId, fileIds, Ct(http)));

    public static async Task<IResult> ServePicture(UserPicturesService users, HttpContext http, string pictureId)
    {
        var picture = await users.GetPictureAsync(pictureId, Ct(http));
        if (picture is null) throw Fail.PictureNotFound();
        return TypedResults.File(picture.Bytes, picture.ContentType);
    }

    public static async Task<IResult> GetToken(HttpContext http, UserTokensService users, string userId, [FromQuery] string? type, [FromQuery] string? ttl)
        => TypedResults.Json(new TokenDto(await users.IssueTokenAsync(http.Caller(), userId, type, Input.Long(ttl, "ttl"), Ct(http))), ServerJson.Default.TokenDto);

    public static Task<IResult> RevokeToken(HttpContext http, UserTokensService users, string userId)
        => Done(users.RevokeTokensAsync(http.Caller(), userId, Ct(http)));

    public static async Task<IResult> ListAssistants(HttpContext http, UserRelationsService users, string userId)
    {
        var list = await users.ListAssistantsAsync(http.Caller(), userId, Ct(http));
        return TypedResults.Json(new AssistantsDto(list.Select(a => new AssistantDto(a.Id, a.Email, a.CanManageHostPrivateEvent)).ToList()), ServerJson.Default.AssistantsDto);
    }

    public static async Task<IResult> AddAssistants(HttpContext http, UserRelationsService users, string userId)
    {
        var added = await users.AddAssistantsAsync(http.Caller(), userId, await Input.Json(http.Request, ServerJson.Default.AddAssistantsRequest), Ct(http));
        return TypedResults.Json(new AssistantsAddedDto(added.Ids, UserWire.Time(added.AddAt)), ServerJson.Default.AssistantsAddedDto, statusCode: StatusCodes.Status201Created);
    }

    public static Task<IResult> DeleteAssistants(HttpContext http, UserRelationsService users, string userId)
        => Done(users.DeleteAssistantsAsync(http.Caller(), userId, Ct(http)));

    public static Task<IResult> DeleteAssistant(HttpContext http, UserRelationsService users, string userId, string assistantId)
        => Done(users.DeleteAssistantAsync(http.Caller(), userId, assistantId, Ct(http)));

    public static async Task<IResult> ListSchedulers(HttpContext http, UserRelationsService users, string userId)
    {
        var list = await users.ListSchedulersAsync(http.Caller(), userId, Ct(http));
        return TypedResults.Json(new SchedulersDto(list.Select(s => new SchedulerDto(s.Id, s.Email, s.Pmi)).ToList()), ServerJson.Default.SchedulersDto);
    }

    public static Task<IResult> DeleteSchedulers(HttpContext http, UserRelationsService users, string userId)
        => Done(users.DeleteSchedulersAsync(http.Caller(), userId, Ct(http)));

    public static Task<IResult> DeleteScheduler(HttpContext http, UserRelationsService users, string userId, string schedulerId)
        => Done(users.DeleteSchedulerAsync(http.Caller(), userId, schedulerId, Ct(http)));

    public static async Task<IResult> GetSettings(HttpContext http, UserSettingsService users, string userId, [FromQuery] string? option,
        [FromQuery(Name = "custom_query_fields")] string? customQueryFields, [FromQuery(Name = "login_type")] string? loginType)
    {
        Input.Int(loginType, "login_type");
        var doc = await users.GetSettingsAsync(http.Caller(), userId, option, customQueryFields, Ct(http));
        return TypedResults.Json(doc, ServerJson.Default.JsonObject);
    }

    public static async Task<IResult> UpdateSettings(HttpContext http, UserSettingsService users, string userId, [FromQuery] string? option)
    {
        var body = await Input.JsonObject(http.Request);
        await users.UpdateSettingsAsync(http.Caller(), userId, option, body, Ct(http));
        return TypedResults.NoContent();
    }
}
