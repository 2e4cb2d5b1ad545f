using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Paging;

namespace Roster.Domain.Groups;

/// <summary>
/// Page size and <c>next_page_token</c> of the group lists, as GET /users has them: 30 by default, at most 300, and a
/// signed token of the account, the query, the last key, the total and the page number, valid 15 minutes.
/// </summary>
internal sealed class GroupPaging(RosterKeys keys, TimeProvider clock)
{
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 300;

    long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    public static int Size(int? pageSize)
    {
        var size = pageSize ?? DefaultPageSize;
        if (size < 1) throw Fail.InvalidField("page_size");
        return Math.Min(size, MaxPageSize);
    }

    /// <summary>The token's state, or null for a first page; a token of another account, query or age is refused.</summary>
    public PageToken? Read(Caller caller, string query, string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        if (!keys.PageTokens.TryDecode(token, DomainJsonContext.Default.PageToken, out var t)
            || t!.AccountId != caller.AccountId || t.Query != query
            || Now - t.IssuedAt > Users.UsersService.PageTokenLifetime.TotalSeconds || t.IssuedAt > Now + 60)
            throw Fail.Invalid("The next page token is invalid or expired.");
        return t;
    }

    /// <summary>The token of the page after one that ended at <paramref name="lastSeq"/>.</summary>
    public string Next(Caller caller, string query, long lastSeq, int total, int pageNumber)
        => keys.PageTokens.Encode(new PageToken(caller.AccountId, query, lastSeq, total, pageNumber, Now), DomainJsonContext.Default.PageToken);
}
