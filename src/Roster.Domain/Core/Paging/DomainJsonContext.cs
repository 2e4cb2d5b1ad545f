namespace Roster.Domain.Paging;

[JsonSerializable(typeof(PageToken))]
[JsonSerializable(typeof(UserTokenPayload))]
[JsonSerializable(typeof(Roster.Domain.Accounts.AccountOptions))]
[JsonSerializable(typeof(Roster.Domain.Users.VirtualBackgroundFile))]
public sealed partial class DomainJsonContext : JsonSerializerContext;
