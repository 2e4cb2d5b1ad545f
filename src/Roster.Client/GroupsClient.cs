using System.Globalization;
using System.Runtime.CompilerServices;
using Roster.Client.Models;

namespace Roster.Client;

/// <summary>
/// Zoom's Groups API: the account's groups, their members (a user's first group is its primary one) and their admins.
/// Members and admins are named by id or e-mail; a call adds at most 30 members or 10 admins.
/// </summary>
public class GroupsClient
{
    readonly ZoomTransport _transport;

    internal GroupsClient(ZoomTransport transport) => _transport = transport;

    /// <summary>For mocking.</summary>
    protected GroupsClient() => _transport = null!;

    static string Id(string id) => Uri.EscapeDataString(id);
    static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);
    static GroupsJsonContext Json => GroupsJsonContext.Default;

    /// <summary>GET /groups: one page of the account's groups.</summary>
    public virtual async Task<GroupPage> ListAsync(int? pageSize = null, string? nextPageToken = null, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, "/groups" + UsersClient.Query(("page_size", Number(pageSize)), ("next_page_token", nextPageToken)),
            null, Json.GroupPage, cancellationToken))!;

    /// <summary>Every group of the account, fetching pages (by <c>next_page_token</c>) as the enumeration goes.</summary>
    public virtual async IAsyncEnumerable<Group> ListAllAsync(int pageSize = 300, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await ListAsync(pageSize, token, cancellationToken);
            foreach (var group in page.Groups) yield return group;
            if (string.IsNullOrEmpty(page.NextPageToken) || !seen.Add(page.NextPageToken)) yield break;
            token = page.NextPageToken;
        }
    }

    /// <summary>GET /groups/{groupId}.</summary>
    public virtual async Task<Group> GetAsync(string groupId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/groups/{Id(groupId)}", null, Json.Group, cancellationToken))!;

    /// <summary>POST /groups: a group (names are unique in the account: 409/4132).</summary>
    public virtual async Task<Group> CreateAsync(CreateGroupRequest request, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Post, "/groups", UsersClient.Json(request, Json.CreateGroupRequest), Json.Group, cancellationToken))!;

    /// <summary>PATCH /groups/{groupId}: only what is set in <paramref name="update"/> changes.</summary>
    public virtual Task UpdateAsync(string groupId, UpdateGroupRequest update, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Patch, $"/groups/{Id(groupId)}", UsersClient.Json(update, Json.UpdateGroupRequest), null, cancellationToken);

    /// <summary>DELETE /groups/{groupId}: the group goes, its members stay users.</summary>
    public virtual Task DeleteAsync(string groupId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/groups/{Id(groupId)}", null, null, cancellationToken);

    /// <summary>GET /groups/{groupId}/members: one page, by <c>next_page_token</c> (or Zoom's older <c>page_number</c>).</summary>
    public virtual async Task<GroupMemberPage> ListMembersAsync(string groupId, int? pageSize = null, string? nextPageToken = null, int? pageNumber = null,
        CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/groups/{Id(groupId)}/members" + UsersClient.Query(("page_size", Number(pageSize)),
            ("page_number", Number(pageNumber)), ("next_page_token", nextPageToken)), null, Json.GroupMemberPage, cancellationToken))!;

    /// <summary>Every member of the group, in the order they joined, fetching pages as the enumeration goes.</summary>
    public virtual async IAsyncEnumerable<GroupMember> ListAllMembersAsync(string groupId, int pageSize = 300, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await ListMembersAsync(groupId, pageSize, token, cancellationToken: cancellationToken);
            foreach (var member in page.Members) yield return member;
            if (string.IsNullOrEmpty(page.NextPageToken) || !seen.Add(page.NextPageToken)) yield break;
            token = page.NextPageToken;
        }
    }

    /// <summary>POST /groups/{groupId}/members: at most 30 users; the answer lists those this call added (not those already in).</summary>
    public virtual async Task<GroupUsersAdded> AddMembersAsync(string groupId, IEnumerable<GroupUserRef> members, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Post, $"/groups/{Id(groupId)}/members",
            UsersClient.Json(new GroupUsersBody { Members = [.. members] }, Json.GroupUsersBody), Json.GroupUsersAdded, cancellationToken))!;

    /// <summary>DELETE /groups/{groupId}/members/{memberId}.</summary>
    public virtual Task DeleteMemberAsync(string groupId, string memberId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/groups/{Id(groupId)}/members/{Id(memberId)}", null, null, cancellationToken);

    /// <summary>PATCH /groups/{groupId}/members/{memberId} <c>move</c>: the member leaves this group for <paramref name="targetGroupId"/>.</summary>
    public virtual Task MoveMemberAsync(string groupId, string memberId, string targetGroupId, CancellationToken cancellationToken = default)
        => MemberAction(groupId, memberId, "move", targetGroupId, cancellationToken);

    /// <summary>PATCH /groups/{groupId}/members/{memberId} <c>set_primary</c>: <paramref name="targetGroupId"/>, one of its groups, becomes the member's primary group.</summary>
    public virtual Task SetPrimaryGroupAsync(string groupId, string memberId, string targetGroupId, CancellationToken cancellationToken = default)
        => MemberAction(groupId, memberId, "set_primary", targetGroupId, cancellationToken);

    Task MemberAction(string groupId, string memberId, string action, string targetGroupId, CancellationToken ct)
        => _transport.SendAsync<object>(HttpMethod.Patch, $"/groups/{Id(groupId)}/members/{Id(memberId)}",
            UsersClient.Json(new GroupMemberActionBody { Action = action, TargetGroupId = targetGroupId }, Json.GroupMemberActionBody), null, ct);

    /// <summary>GET /groups/{groupId}/admins: one page of the group's admins.</summary>
    public virtual async Task<GroupAdminPage> ListAdminsAsync(string groupId, int? pageSize = null, string? nextPageToken = null, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/groups/{Id(groupId)}/admins" + UsersClient.Query(("page_size", Number(pageSize)), ("next_page_token", nextPageToken)),
            null, Json.GroupAdminPage, cancellationToken))!;

    /// <summary>POST /groups/{groupId}/admins: at most 10 users.</summary>
    public virtual async Task<GroupUsersAdded> AddAdminsAsync(string groupId, IEnumerable<GroupUserRef> admins, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Post, $"/groups/{Id(groupId)}/admins",
            UsersClient.Json(new GroupUsersBody { Admins = [.. admins] }, Json.GroupUsersBody), Json.GroupUsersAdded, cancellationToken))!;

    /// <summary>DELETE /groups/{groupId}/admins/{userId} (400/4138 when the user is not an admin of the group).</summary>
    public virtual Task DeleteAdminAsync(string groupId, string userId, CancellationToken cancellationToken = default)
        => _transport.SendAsync<object>(HttpMethod.Delete, $"/groups/{Id(groupId)}/admins/{Id(userId)}", null, null, cancellationToken);

    /// <summary>GET /groups/{groupId}/channels (Roster has no chat channels: an empty list).</summary>
    public virtual async Task<GroupChannels> ListChannelsAsync(string groupId, CancellationToken cancellationToken = default)
        => (await _transport.SendAsync(HttpMethod.Get, $"/groups/{Id(groupId)}/channels", null, Json.GroupChannels, cancellationToken))!;
}
