using Roster.Domain.Abstractions;
using Roster.Domain.Accounts;
using Roster.Domain.Users;

namespace Roster.Domain.Errors;

/// <summary>
/// The catalogue: every Zoom error Roster answers with (reference §9), defined once, named for when it happens.
/// Code elsewhere throws these; nothing else builds a status, code and message.
/// </summary>
public static class Fail
{
    static ZoomException With(int status, int code, string message, IReadOnlyList<FieldError>? errors = null)
        => new(new ZoomError(status, code, message, errors));

    static ZoomException Retry(int status, int code, string message, string retryAfter) => new(RetryError(status, code, message, retryAfter));

    static ZoomError RetryError(int status, int code, string message, string retryAfter)
        => new(status, code, message) { Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfter } };

    /// <summary>Seconds a client waits before it tries again while the store is out of reach: it comes back within seconds.</summary>
    public const string UnavailableRetryAfter = "1";

    /// <summary>Seconds to wait while the store's disk is full: space returns when an operator acts, not in a second.</summary>
    public const string StoreFullRetryAfter = "30";

    // ---- not found, conflicts ----
    public static ZoomException UserNotFound(string userId) => With(404, 1001, $"User does not exist: {userId}.");
    public static ZoomException PictureNotFound() => With(404, 1001, "Picture does not exist.");
    public static ZoomException AccountNotFound(string accountId) => With(404, 2001, $"Account does not exist: {accountId}.");
    public static ZoomException EmailTaken(string email) => With(409, 1005, $"Email \"{email}\" has already been used.");
    public static ZoomException BatchEmailTaken() => With(409, 1005, "An e-mail of this batch has already been used.");
    public static ZoomException VanityNameTaken() => With(400, 4100, "The personal link name is already taken.");
    public static ZoomException PmiTaken(string pmi) => Invalid($"PMI {pmi} is already in use.");

    /// <summary>A unique key the store found taken (a race another request won), as Zoom says it.</summary>
    public static ZoomException From(UniqueKeyConflict conflict) => conflict.Key switch
    {
        "email" when conflict.Value.Length == 0 => BatchEmailTaken(),
        "email" => EmailTaken(conflict.Value),
        "vanity_name" => VanityNameTaken(),
        "pmi" => PmiTaken(conflict.Value),
        "group_name" => GroupNameTaken(conflict.Value),
        "role_name" => RoleNameTaken(conflict.Value),
        _ => Invalid($"{conflict.Key} is already in use."),
    };

    // ---- groups (zoom-groups.md §1) ----
    public static ZoomException GroupNotFound(string groupId) => With(404, 4130, $"A group with this {groupId} does not exist.");
    public static ZoomException GroupNameTaken(string name) => With(409, 4132, $"The group name \"{name}\" is already in use.");
    public static ZoomException GroupMemberNotFound() => With(404, 4131, "Group member does not exist.");
    public static ZoomException NotGroupAdmin(string groupId) => With(400, 4138, $"That user is not an administrator for the group: \"{groupId}\".");
    public static ZoomException GroupNameMissing() => With(400, 300, "Missing field: name");
    public static ZoomException TargetGroupMissing() => With(400, 300, "The target_group_id can not be empty.");
    public static ZoomException TooManyGroups(int max) => With(400, 300, $"An account can have at most {max} groups.");
    /// <summary>A Free account changes no group settings (zoom-groups.md §3: Zoom's code 200 in a 400).</summary>
    public static ZoomException GroupsNeedPaidAccount(string accountId) => With(400, 200, $"Only available for Paid account,{accountId}.");
    public static ZoomException GroupCreateQuota(int quota) => With(429, 429,
        $"You have exceeded the daily rate limit ({quota}) of Create a Group API request for this account. This limit resets at GMT 00:00:00.");

    // ---- input ----
    public static ZoomException Invalid(string message) => With(400, 300, message);
    public static ZoomException SnapshotNotFound(string name) => With(404, 3001, $"Snapshot does not exist: {name}.");
    public static ZoomException SeedRefused(FieldError[] problems) => With(400, 300, "The seed file was refused; nothing of it was loaded.", problems);
    public static ZoomException AppNotFound(string clientId) => With(404, 3001, $"App does not exist: {clientId}.");
    public static ZoomException FaultNotFound(string id) => With(404, 3001, $"Fault rule does not exist: {id}.");
    public static ZoomException SubscriptionNotFound(string id) => With(404, 3001, $"Event subscription does not exist: {id}.");
    public static ZoomException DeliveryNotFound(string id) => With(404, 3001, $"Webhook delivery does not exist: {id}.");
    public static ZoomException UnknownEvents(IEnumerable<string> events)
        => Validation(new FieldError("events", $"Unknown or unsupported events: {string.Join(", ", events)}."));
    public static ZoomException EventNotAllowed() => With(400, 4711, "The event is not allowed for the app.");
    public static ZoomException AppNotAuthorized() => With(400, 200, "The user don't authorize the app.");
    public static ZoomException TooManySubscriptions() => With(400, 300, "An app can have at most 20 event subscriptions.");
    public static ZoomException UrlValidationFailed(string url, string why) => With(400, 300, $"URL validation failed for {url}: {why}.");
    public static ZoomException JournalOff() => With(404, 3003, "The request journal is switched off on this server (Sandbox:Journal:Enabled=false).");
    /// <summary>The answer of a fault rule of kind "error": whatever status and code the sandbox asked for.</summary>
    public static ZoomError Injected(int status, int code, string? message) => new(status, code, message ?? "Injected fault.");
    public static ZoomException SnapshotOutdated(string name) => With(409, 3002, $"Snapshot {name} was saved by another schema version and cannot be restored; save it again.");
    public static ZoomException InvalidJson() => new(new ZoomError(400, 300, "Request Body should be a valid JSON object.") { ScimType = "invalidSyntax" });
    public static ZoomException Validation(params FieldError[] errors) => With(400, 300, "Validation Failed.", errors);
    public static ZoomException InvalidField(string field) => Validation(new FieldError(field, "Invalid field."));
    public static ZoomException BodyTooLarge() => With(413, 300, "Request body is too large.");
    public static ZoomException UnsupportedContentType(string? contentType) => With(415, 300, $"Unsupported content type: {contentType}.");
    public static ZoomException PictureNotMultipart() => With(415, 300, "The picture must be sent as multipart/form-data.");
    public static ZoomException UnstorableText() => Invalid("The request contains characters that cannot be stored (NUL).");

    // ---- pictures ----
    public static ZoomException PictureMissing() => With(400, 120, "");
    public static ZoomException PictureEmpty() => With(400, 120, "The file is empty.");
    public static ZoomException PictureTooLarge() => With(400, 120, "The file is larger than 2M.");
    public static ZoomException PictureType() => With(400, 120, "Only jpg/jpeg and png files are supported.");
    public static ZoomException BackgroundTooLarge() => With(400, 120, "The Virtual Background file size cannot exceed 15 MB.");
    public static ZoomException BackgroundType() => With(400, 120, "Only JPG/JPEG, GIF and PNG images and MP4 and MOV videos can be Virtual Backgrounds.");
    public static ZoomException BackgroundResolution(int width, int height)
        => With(400, 120, $"A Virtual Background video must be between 480x360 and 1920x1080 pixels; this one is {width}x{height}.");
    public static ZoomException TooManyBackgrounds() => With(400, 300, "A user cannot have more than 10 Virtual Background files.");
    public static ZoomException BackgroundDisabled() => With(400, 300, "Virtual Background is not enabled for this user (in_meeting.virtual_background).");
    public static ZoomException BackgroundNotFound(string id) => With(404, 3001, $"Virtual Background file does not exist: {id}.");

    // ---- privileges and rules ----
    public static ZoomException NoPrivilege(string message) => With(400, 200, message);
    public static ZoomException PresenceNotUpdated() => With(400, 5301, "Request to update the presence status of this user failed: the user is not active.");
    public static ZoomException PendingUser(string message) => With(400, 1000, message);
    public static ZoomException InvitationExpired() => With(400, 1120, "Invite does not exist or has expired.");
    public static ZoomException NoSeats(string message) => With(400, 2034, message);
    public static ZoomException NotManagedDomain() => With(400, 1116, "Email does not match the account's managed domains.");
    public static ZoomException ManagedDomainUser(string message) => With(400, 1107, message);
    public static ZoomException AdminUser(string message) => With(400, 1117, message);
    public static ZoomException TypePermission(string message = "User type permission check failed.") => With(400, 1108, message);
    public static ZoomException HostNotPaid() => With(400, 1109, "Host is not a paid user.");
    public static ZoomException NotWorkEmailUser() => With(400, 1123, "Only users who sign in with a work email can have their password updated.");
    public static ZoomException SsoNotEnabled() => With(400, 2032, "ssoCreate is only available to accounts with SSO pre-provisioning enabled.");
    public static ZoomException WebinarNotPaid() => With(400, 1122, "Webinar feature can only be enabled for Licensed or On-prem users.");
    public static ZoomException WebinarWithZoomEvents() => With(400, 1204, "Webinar cannot be enabled while the user has Zoom Events.");
    public static ZoomException ZoomEventsWithWebinar() => With(400, 1205, "Zoom Events cannot be enabled while the user has Webinar.");
    public static ZoomException ZoomEventsNotPaid() => With(400, 1206, "Zoom Events can only be enabled for Licensed or On-prem users.");
    public static ZoomException ConcurrentMeetingNotPaid() => With(400, 1207, "Concurrent Meeting can only be enabled for Licensed or On-prem users.");

    // ---- roles (zoom-roles.md §1; the codes Zoom files under HTTP 200 answer HTTP 400) ----
    public static ZoomException RoleNotFound() => With(400, 300, "Role not found.");
    public static ZoomException RoleMembersNotFound() => With(404, 300, "Role not found.");
    public static ZoomException RoleDoesNotExist() => With(400, 1034, "Role does not exist.");
    public static ZoomException RoleOrMemberNotFound() => With(404, 300, "Role or Member not found.");
    public static ZoomException RoleNameEmpty() => With(400, 300, "The name field cannot be empty.");
    public static ZoomException RoleNameTaken(string name) => With(400, 1224, $"Role name \"{name}\" has already been used.");
    public static ZoomException RoleNotUpdatable() => With(400, 300, "This role cannot be updated.");
    public static ZoomException RoleNotDeletable() => With(400, 300, "This role cannot be deleted.");
    public static ZoomException RoleHasMembers() => With(400, 300, "This role still has members; unassign them before deleting it.");
    public static ZoomException RoleMembersFixed() => With(400, 300, "Can't delete or add members for Normal/Owner roles.");
    public static ZoomException OwnerRoleFixed() => With(400, 300, "The account owner's role cannot be changed.");
    public static ZoomException UnknownPrivilege(string privilege) => With(400, 300, $"Invalid privilege: {privilege}.");
    public static ZoomException OnlyCommonRoles() => With(400, 300, "Only roles of type common can be created.");
    public static ZoomException RolesNeedPaidAccount(string action) => With(400, 200, $"The account must be a paid account to {action}.");
    /// <summary>The caller's role lacks the privilege the call needs (zoom-roles.md §5): Zoom's code 200 "no permission".</summary>
    public static ZoomException LacksPrivilege(string privilege, string action) => With(400, 200, $"You do not have the permission to {action} ({privilege}).");

    // ---- passwords (1124–1136) ----
    public static ZoomException PasswordTooShort(int min) => With(400, 1124, $"Have at least {min} characters.");
    public static ZoomException PasswordTooLong(int max) => With(400, 300, $"Password must be less than {max + 1} characters.");
    public static ZoomException PasswordNeedsLetter() => With(400, 1125, "Have at least 1 letter (a, b, c...).");
    public static ZoomException PasswordNeedsNumber() => With(400, 1126, "Have at least 1 number (1, 2, 3...).");
    public static ZoomException PasswordNeedsCases() => With(400, 1128, "Include both uppercase and lowercase letters.");
    public static ZoomException PasswordReused(int depth) => With(400, 1129, $"You cannot reuse any of your last {depth} passwords.");
    public static ZoomException PasswordOneCharacter() => With(400, 1130, "Cannot contain only one character repeatedly.");
    public static ZoomException PasswordConsecutive() => With(400, 1131, "Cannot contain consecutive characters (for example, \"abcdef\" or \"123456\").");
    public static ZoomException PasswordTooEasy() => With(400, 1136, "Password is too easy to guess.");
    public static ZoomException PasswordChangedMeanwhile() => With(409, 409, "The password was changed by another request at the same time. Try again.");

    // ---- access ----
    public static ZoomException InvalidAccessToken() => With(401, 124, "Invalid access token.");
    public static ZoomException ConsoleSignInRefused() => With(401, 124, "Invalid email or password.");
    public static ZoomException ConsoleNotAdmin() => With(403, 200, "Only the account's owner and admins can sign in to the console.");
    public static ZoomException ConsoleFormExpired() => With(400, 300, "This form has expired or did not come from this console. Go back, reload the page and try again.");
    public static ZoomException ConsolePageNotFound() => With(404, 404, "Not found.");
    /// <summary>The console's sign-in form refused the key: said for a person at a form, not for an API client.</summary>
    public static ZoomException ConsoleKeyRefused() => With(401, 124,
        "That is not this server's sandbox admin key. Paste the sandbox_admin_key value from credentials.json in the server's data folder (or the ROSTER_ADMIN_KEY it was started with).");
    public static ZoomException InvalidSandboxKey() => With(401, 124, "Invalid sandbox admin key: send it as Authorization: Bearer <sandbox_admin_key> (credentials.json or ROSTER_ADMIN_KEY).");
    public static ZoomException ExpiredAccessToken() => With(401, 124, "Access token is expired.");
    public static ZoomException MissingScopes(IEnumerable<string> accepted)
        => With(400, 4711, $"Invalid access token, does not contain scopes:[{string.Join(", ", accepted)}].");
    public static ZoomException ScopesBeyondCreator(IEnumerable<string> beyond)
        => With(400, 4711, $"Invalid access token, does not contain scopes:[{string.Join(", ", beyond)}]. An app cannot be given scopes its creator does not hold.");
    public static ZoomException UserLevelToken()
        => With(400, 4711, "User-level OAuth tokens cannot call this API; use a Server-to-Server app of the account.");

    // ---- load and service ----
    public static ZoomError DailyRateLimit() => new(429, 429, "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.");
    public static ZoomError PerSecondRateLimit() => new(429, 429, "You have reached the maximum per-second rate limit for this API. Try again later.");
    public static ZoomError InvitationQuota(int quota) => new(429, 429,
        $"You have exceeded the daily rate limit ({quota}) of create user requests for this account. You may resume these requests at GMT 00:00:00.");
    public static ZoomError BadRequestBody(int status) => new(status, 300, "Request Body should be a valid JSON object.") { ScimType = status == 400 ? "invalidSyntax" : null };
    /// <summary>The store is out of reach (restarting, failing over): 503 with <c>Retry-After</c>, so clients back off and return.</summary>
    public static ZoomError Unavailable() => RetryError(503, 503, "The service is temporarily unavailable. Please try again later.", UnavailableRetryAfter);
    /// <summary>The store's disk is full: writes are refused, nothing is half-written, reads go on.</summary>
    public static ZoomError StoreFull() => RetryError(503, 503,
        "The service cannot store changes right now: the server's disk is full. Nothing was changed; please try again later.", StoreFullRetryAfter);
    /// <summary>A status the framework decided (unknown path, method): Zoom's shape with the status as code.</summary>
    public static ZoomError ForStatus(int status)
        => new(status, status, status == 404 ? "Not found." : status == 405 ? "Method not allowed." : "Request failed.");
    public static ZoomError Internal() => new(500, 500, "Internal server error. Please try again later.");
    public static ZoomException PresenceTooOften(TimeSpan wait) => Retry(429, 429, "Too many requests submitted to update the presence status of this user. Please wait a minute and try again.",
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    public static ZoomException TooManyConcurrentRequests() => Retry(429, 429, "Too many concurrent requests. Please try again later.", "1");
    public static ZoomException TooManyFailedAttempts(string retryAfter) => Retry(429, 429, "Too many failed attempts from this address. Try again later.", retryAfter);
    public static ZoomException PasswordWorkBusy() => Retry(429, 429, "Too many password requests are being processed. Try again later.", "1");

    // ---- SCIM 2.0 (/scim2): written in the SCIM error schema, with RFC 7644 §3.12's scimType where one fits ----
    static ZoomException Scim(int status, string detail, string? scimType = null) => new(new ZoomError(status, status, detail) { ScimType = scimType });
    public static ZoomException ScimUserNotFound(string id) => Scim(404, $"User does not exist: {id}.");
    public static ZoomException ScimNotServed(string id) => Scim(404, $"No resource type or schema {id} is served here.");
    /// <summary>Zoom's prerequisite (reference zoom-scim2.md §1): SCIM needs Single Sign-On on the account.</summary>
    public static ZoomException ScimSsoNotEnabled() => Scim(400, "Account has not enabled Single Sign-On.");
    /// <summary>Zoom: only an owner or admin (role permission User:Edit) provisions users.</summary>
    public static ZoomException ScimForbidden() => Scim(403, "Only the account owner or an admin can provision users through SCIM.");
    public static ZoomException ScimInvalidFilter(string why) => Scim(400, $"Invalid filter: {why}", "invalidFilter");
    public static ZoomException ScimTooMany(int limit) => Scim(400,
        $"This filter reads every user of the account, which has more than {limit}; filter by userName, externalId or id (eq), which are indexed.", "tooMany");
    public static ZoomException ScimInvalidValue(string detail) => Scim(400, detail, "invalidValue");
    public static ZoomException ScimInvalidSyntax(string detail) => Scim(400, detail, "invalidSyntax");
    public static ZoomException ScimInvalidPath(string path) => Scim(400, $"The path \"{path}\" is not a valid attribute path of a User.", "invalidPath");
    public static ZoomException ScimNoTarget(string path) => Scim(400, $"The path \"{path}\" matched no value.", "noTarget");
    public static ZoomException ScimMutability(string attribute) => Scim(400, $"The attribute {attribute} cannot be changed.", "mutability");
    public static ZoomException ScimUniqueness(string userName) => Scim(409, $"User {userName} already exists.", "uniqueness");
    public static ZoomException ScimUserType(string value) => Scim(400, $"AttributeValidationFailed: userType \"{value}\" is not supported (Basic, Licensed, On-Prem).", "invalidValue");
    public static ZoomException ScimGroupName() => Scim(400, "The \"DisplayName\" of the request is invalid.", "invalidValue");
    public static ZoomException ScimEmptyBody() => Scim(400, "The request JSON must not be empty.", "invalidSyntax");
    public static ZoomException ScimGroupPath(string path) => Scim(400, $"The path \"{path}\" is not a valid attribute path of a Group.", "invalidPath");
    public static ZoomException ScimGroupMember(string id) => Scim(400, $"Member {id} is not a user of this account.", "invalidValue");
    public static ZoomException ScimMediaType(string? contentType) => Scim(415, $"Unsupported content type: {contentType}. Send application/scim+json or application/json.");
}
