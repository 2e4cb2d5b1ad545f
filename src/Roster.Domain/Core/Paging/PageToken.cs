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
