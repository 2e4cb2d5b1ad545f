using Roster.Domain.Accounts;
using Roster.Domain.Users;

namespace Roster.Domain.Paging;

/// <summary>
/// What a <c>next_page_token</c> carries: the account and query it belongs to, the key to continue after,
/// the total counted on the first page, and when it was issued (tokens expire after 15 minutes).
/// </summary>
public sealed record PageToken(
    [property: JsonPropertyName("a")] string AccountId,
    [property: JsonPropertyName("q")] string Query,
    [property: JsonPropertyName("k")] long AfterSeq,
    [property: JsonPropertyName("t")] int Total,
    [property: JsonPropertyName("n")] int PageNumber,
    [property: JsonPropertyName("i")] long IssuedAt);

/// <summary>A user token (GET /users/{id}/token): whose, which kind, when issued (ms) and when it expires (s).</summary>
public sealed record UserTokenPayload(
    [property: JsonPropertyName("uid")] string UserId,
    [property: JsonPropertyName("typ")] string Type,
    [property: JsonPropertyName("iat")] long IssuedAtMs,
    [property: JsonPropertyName("exp")] long ExpiresAt,
    [property: JsonPropertyName("jti")] string Nonce);

[JsonSerializable(typeof(PageToken))]
[JsonSerializable(typeof(UserTokenPayload))]
[JsonSerializable(typeof(Roster.Domain.Accounts.AccountOptions))]
[JsonSerializable(typeof(Roster.Domain.Users.VirtualBackgroundFile))]
public sealed partial class DomainJsonContext : JsonSerializerContext;
