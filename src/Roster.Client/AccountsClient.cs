using Roster.Client.Models;

namespace Roster.Client;

/// <summary>
/// Zoom's master-account calls for sub accounts, and an account's managed domains. <c>accountId</c> is a sub
/// account's id, or <c>me</c> for the token's own account where Zoom allows it.
/// </summary>
public class AccountsClient
{
    readonly ZoomTransport _transport;

    internal AccountsClient(ZoomTransport transport) => _transport = transport;

    /// <summary>For mocking.</summary>
    protected AccountsClient() => _transport = null!;

    static string Id(string accountId) => Uri.EscapeDataString(accountId);

    /// <summary>POST /accounts: a sub account of the token's master account, with its owner.</summary>
    public virtual async Task<CreatedSubAccount> CreateAsync(CreateSubAccountRequest request, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Post, "/accounts", UsersClient.Json(request, AccountsJsonContext.Default.CreateSubAccountRequest),
            AccountsJsonContext.Default.CreatedSubAccount, cancellationToken))!;

    /// <summary>GET /accounts: one page of sub accounts.</summary>
    public virtual async Task<SubAccountPage> ListAsync(int? pageSize = null, string? nextPageToken = null, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get,
            "/accounts" + UsersClient.Query(("page_size", pageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("next_page_token", nextPageToken)),
            null, AccountsJsonContext.Default.SubAccountPage, cancellationToken))!;

    /// <summary>GET /accounts/{accountId}: one sub account, with its options.</summary>
    public virtual async Task<SubAccount> GetAsync(string accountId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/accounts/{Id(accountId)}", null, AccountsJsonContext.Default.SubAccount, cancellationToken))!;

    /// <summary>DELETE /accounts/{accountId}: the sub account leaves the master and goes on alone.</summary>
    public virtual Task DisassociateAsync(string accountId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/accounts/{Id(accountId)}", null, null, cancellationToken);

    /// <summary>PATCH /accounts/{accountId}/options.</summary>
    public virtual Task UpdateOptionsAsync(string accountId, SubAccountOptionsUpdate options, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Patch, $"/accounts/{Id(accountId)}/options",
            UsersClient.Json(options, AccountsJsonContext.Default.SubAccountOptionsUpdate), null, cancellationToken);

    /// <summary>GET /accounts/{accountId}/managed_domains (<c>me</c>: the token's own account).</summary>
    public virtual async Task<IReadOnlyList<ManagedDomain>> GetManagedDomainsAsync(string accountId = "me", CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/accounts/{Id(accountId)}/managed_domains", null, AccountsJsonContext.Default.ManagedDomainList, cancellationToken))!.Domains;
}
