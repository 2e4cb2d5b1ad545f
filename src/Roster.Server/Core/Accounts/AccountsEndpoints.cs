using Microsoft.AspNetCore.Mvc;
using Roster.Domain.Accounts;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Paging;
using Roster.Domain.Users;
using Roster.Server.Auth;
using Roster.Server.Http;
using Roster.Server.Users;

namespace Roster.Server.Accounts;

/// <summary>Zoom's master-account calls for sub accounts, and switching a user's account (a Users API operation).</summary>
public static class AccountsEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/v2/accounts").RequireZoomToken().WithTags("Accounts");
        accounts.MapPost("", CreateAccount).WithName("accountCreate").Body<CreateAccountRequest>().Returns<CreatedAccountDto>(201, 409).Summary("Create a sub account").Scoped(Operations.CreateAccount);
        accounts.MapGet("", ListAccounts).WithName("accounts").Returns<AccountListDto>(200).Summary("List sub accounts").Scoped(Operations.ListAccounts);
        accounts.MapGet("/{accountId}", GetAccount).WithName("account").Returns<AccountDto>(200, 404).Summary("Get a sub account").Scoped(Operations.GetAccount);
        accounts.MapDelete("/{accountId}", Disassociate).WithName("accountDisassociate").NoContent(404).Summary("Disassociate a sub account").Scoped(Operations.DisassociateAccount);
        accounts.MapPatch("/{accountId}/options", UpdateOptions).WithName("accountOptionsUpdate").Body<SubAccountOptions>().NoContent(404).Summary("Update a sub account's options").Scoped(Operations.UpdateAccountOptions);
        accounts.MapGet("/{accountId}/managed_domains", ManagedDomains).WithName("accountManagedDomain").Returns<ManagedDomainsDto>(200, 404).Summary("Get account's managed domains").Scoped(Operations.ManagedDomains);
        accounts.MapPut("/{accountId}/users/{userId}/account", SwitchUserAccount).WithName("switchUserAccount").Body<SwitchAccountRequest>().NoContent(404).Summary("Switch a user's account").Scoped(Operations.SwitchUserAccount).WithTags("Users");
        return app;
    }

    static string PlanName(string plan) => plan switch
    {
        Plans.Free => "Free",
        Plans.Pro => "Pro",
        Plans.Business => "Business",
        _ => "Enterprise",
    };

    /// <param name="withOptions">GET of one sub account shows its options; the list does not (as Zoom).</param>
    static AccountDto Dto(Account a, string ownerEmail, bool withOptions = false)
        => new(a.Id, a.Name, ownerEmail, PlanName(a.Plan), a.LicensedSeats, UserWire.Time(a.CreatedAt), a.AccountNumber, a.ManagedDomains, a.SsoPreProvisioning,
            a.OwnerId)
        {
            // the plan a paid account has runs from its creation and renews (no end); a free account has no subscription
            SubscriptionStartTime = a.IsPaid ? UserWire.Time(a.CreatedAt) : null,
            Options = withOptions ? a.Options : null,
        };

    public static async Task<IResult> Disassociate(HttpContext http, SubAccountsService accounts, string accountId)
    {
        await accounts.DisassociateAsync(http.Caller(), accountId, http.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> UpdateOptions(HttpContext http, SubAccountsService accounts, string accountId)
    {
        await accounts.UpdateOptionsAsync(http.Caller(), accountId, await Input.Json(http.Request, ServerJson.Default.SubAccountOptions), http.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> ManagedDomains(HttpContext http, SubAccountsService accounts, string accountId)
    {
        var domains = await accounts.ManagedDomainsAsync(http.Caller(), accountId, http.RequestAborted);
        // Roster's managed domains are set by whoever runs it (seed, account creation): each counts as verified
        return TypedResults.Json(new ManagedDomainsDto(domains.Count, domains.Select(d => new ManagedDomainDto(d, "verified")).ToList()), ServerJson.Default.ManagedDomainsDto);
    }

    public static async Task<IResult> CreateAccount(HttpContext http, SubAccountsService accounts)
    {
        var body = await Input.Json(http.Request, ServerJson.Default.CreateAccountRequest);
        var (account, owner) = await accounts.CreateSubAccountAsync(http.Caller(), body, http.RequestAborted);
        return TypedResults.Json(new CreatedAccountDto(account.Id, owner.Id, owner.Email, UserWire.Time(account.CreatedAt)),
            ServerJson.Default.CreatedAccountDto, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> ListAccounts(HttpContext http, SubAccountsService accounts, RosterKeys keys, TimeProvider clock,
        [FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "next_page_token")] string? nextPageToken)
    {
        var caller = http.Caller();
        var size = Math.Clamp(Input.Int(pageSize, "page_size") ?? 30, 1, 300);
        var query = $"accounts|{size}";
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        PageToken? token = null;
        if (!string.IsNullOrEmpty(nextPageToken)
            && (!keys.PageTokens.TryDecode(nextPageToken, DomainJsonContext.Default.PageToken, out token)
                || token!.AccountId != caller.AccountId || token.Query != query || now - token.IssuedAt > UsersService.PageTokenLifetime.TotalSeconds))
            throw Fail.Invalid("The next page token is invalid or expired.");
        var (list, total, lastSeq, more) = await accounts.ListSubAccountsAsync(caller, token?.AfterSeq ?? 0, size, http.RequestAborted);
        var pageNumber = (token?.PageNumber ?? 0) + 1;
        var next = more ? keys.PageTokens.Encode(new PageToken(caller.AccountId, query, lastSeq, total, pageNumber, now), DomainJsonContext.Default.PageToken) : "";
        return TypedResults.Json(
            new AccountListDto(total == 0 ? 0 : (total + size - 1) / size, pageNumber, size, total, next, list.Select(x => Dto(x.Item1, x.Item2)).ToList()),
            ServerJson.Default.AccountListDto);
    }

    public static async Task<IResult> GetAccount(HttpContext http, SubAccountsService accounts, string accountId)
    {
        var (account, ownerEmail) = await accounts.GetSubAccountAsync(http.Caller(), accountId, http.RequestAborted);
        return TypedResults.Json(Dto(account, ownerEmail, withOptions: true), ServerJson.Default.AccountDto);
    }

    public static async Task<IResult> SwitchUserAccount(HttpContext http, AccountMovesService moves, string accountId, string userId)
    {
        var body = await Input.Json(http.Request, ServerJson.Default.SwitchAccountRequest);
        await moves.SwitchUserAccountAsync(http.Caller(), accountId, userId, body.AccountId, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
