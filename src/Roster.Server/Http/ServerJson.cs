using System.Text.Json.Serialization;
using Roster.Server.Accounts;
using Roster.Server.Hosting;

namespace Roster.Server.Http;

/// <summary>Every type Roster reads or writes on the wire, source-generated, in Zoom's snake_case names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(SnapshotDto))]
[JsonSerializable(typeof(SnapshotListDto))]
[JsonSerializable(typeof(RestoredDto))]
[JsonSerializable(typeof(ClockDto))]
[JsonSerializable(typeof(TestAccountRequest))]
[JsonSerializable(typeof(TestAccountDto))]
[JsonSerializable(typeof(ClockRequest))]
[JsonSerializable(typeof(AdvanceRequest))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(FaultDto))]
[JsonSerializable(typeof(FaultListDto))]
[JsonSerializable(typeof(JournalDto))]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(VerifyDto))]
[JsonSerializable(typeof(SeedLoadedDto))]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(UserListDto))]
[JsonSerializable(typeof(CreatedUserDto))]
[JsonSerializable(typeof(ExistedEmailDto))]
[JsonSerializable(typeof(ExistedDto))]
[JsonSerializable(typeof(PermissionsDto))]
[JsonSerializable(typeof(TokenDto))]
[JsonSerializable(typeof(AssistantsAddedDto))]
[JsonSerializable(typeof(AssistantsDto))]
[JsonSerializable(typeof(SchedulersDto))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UserUpdate))]
[JsonSerializable(typeof(AddAssistantsRequest))]
[JsonSerializable(typeof(StatusRequest))]
[JsonSerializable(typeof(EmailRequest))]
[JsonSerializable(typeof(PasswordRequest))]
[JsonSerializable(typeof(SwitchAccountRequest))]
[JsonSerializable(typeof(CreateAccountRequest))]
[JsonSerializable(typeof(CreatedAccountDto))]
[JsonSerializable(typeof(AccountDto))]
[JsonSerializable(typeof(AccountListDto))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(OAuthErrorBody))]
[JsonSerializable(typeof(InvitationDto))]
[JsonSerializable(typeof(InvitationListDto))]
[JsonSerializable(typeof(TokenCheckRequest))]
[JsonSerializable(typeof(TokenCheckDto))]
[JsonSerializable(typeof(AppRequest))]
[JsonSerializable(typeof(AppDto))]
[JsonSerializable(typeof(EventListDto))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class ServerJson : JsonSerializerContext;
