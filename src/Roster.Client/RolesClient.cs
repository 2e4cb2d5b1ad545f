using System.Globalization;
using System.Runtime.CompilerServices;
using Roster.Client.Models;

namespace Roster.Client;

/// <summary>
/// Zoom's Roles API: the built-in roles (<c>0</c> Owner, <c>1</c> Admin, <c>2</c> Member) and the account's custom ones,
/// and who holds them. A user holds one role; assigning one takes the user out of the one it held.
/// </summary>
public class RolesClient
{
    readonly ZoomTransport _transport;

    internal RolesClient(ZoomTransport transport) => _transport = transport;

    /// <summary>For mocking.</summary>
    protected RolesClient() => _transport = null!;

    static string Id(string id) => Uri.EscapeDataString(id);
    static GroupsJsonContext Json => GroupsJsonContext.Default;

    /// <summary>GET /roles: every role of the account, the built-in ones first (<paramref name="type"/>: Zoom's <c>common</c>, the default).</summary>
    public virtual async Task<RoleList> ListAsync(string? type = null, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, "/roles" + UsersClient.Query(("type", type)), null, Json.RoleList, cancellationToken))!;

    /// <summary>GET /roles/{roleId}: the role with its privileges.</summary>
    public virtual async Task<Role> GetAsync(string roleId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/roles/{Id(roleId)}", null, Json.Role, cancellationToken))!;

    /// <summary>POST /roles: a custom role (names are unique in the account: 400/1224).</summary>
    public virtual async Task<Role> CreateAsync(CreateRoleRequest request, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Post, "/roles", UsersClient.Json(request, Json.CreateRoleRequest), Json.Role, cancellationToken))!;

    /// <summary>PATCH /roles/{roleId}: only what is set changes; <c>Privileges</c> replaces the list.</summary>
    public virtual Task UpdateAsync(string roleId, UpdateRoleRequest update, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Patch, $"/roles/{Id(roleId)}", UsersClient.Json(update, Json.UpdateRoleRequest), null, cancellationToken);

    /// <summary>DELETE /roles/{roleId}: a custom role that no one holds.</summary>
    public virtual Task DeleteAsync(string roleId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/roles/{Id(roleId)}", null, null, cancellationToken);

    /// <summary>GET /roles/{roleId}/members: one page of the users holding the role.</summary>
    public virtual async Task<RoleMemberPage> ListMembersAsync(string roleId, int? pageSize = null, string? nextPageToken = null, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/roles/{Id(roleId)}/members"
            + UsersClient.Query(("page_size", pageSize?.ToString(CultureInfo.InvariantCulture)), ("next_page_token", nextPageToken)), null, Json.RoleMemberPage, cancellationToken))!;

    /// <summary>Every user holding the role, fetching pages as the enumeration goes.</summary>
    public virtual async IAsyncEnumerable<RoleMember> ListAllMembersAsync(string roleId, int pageSize = 300, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await ListMembersAsync(roleId, pageSize, token, cancellationToken);
            foreach (var member in page.Members) yield return member;
            if (string.IsNullOrEmpty(page.NextPageToken) || !seen.Add(page.NextPageToken)) yield break;
            token = page.NextPageToken;
        }
    }

    /// <summary>POST /roles/{roleId}/members: at most 30 users take the role.</summary>
    public virtual async Task<RoleMembersAdded> AssignAsync(string roleId, IEnumerable<RoleMemberRef> members, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Post, $"/roles/{Id(roleId)}/members",
            UsersClient.Json(new RoleMembersBody { Members = [.. members] }, Json.RoleMembersBody), Json.RoleMembersAdded, cancellationToken))!;

    /// <summary>DELETE /roles/{roleId}/members/{memberId}: the user goes back to the Member role.</summary>
    public virtual Task UnassignAsync(string roleId, string memberId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/roles/{Id(roleId)}/members/{Id(memberId)}", null, null, cancellationToken);
}
