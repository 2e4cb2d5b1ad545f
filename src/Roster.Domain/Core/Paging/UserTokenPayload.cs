namespace Roster.Domain.Paging;

/// <summary>A user token (GET /users/{id}/token): whose, which kind, when issued (ms) and when it expires (s).</summary>
public sealed record UserTokenPayload(
    [property: JsonPropertyName("uid")] string UserId,
    [property: JsonPropertyName("typ")] string Type,
    [property: JsonPropertyName("iat")] long IssuedAtMs,
    [property: JsonPropertyName("exp")] long ExpiresAt,
    [property: JsonPropertyName("jti")] string Nonce);
