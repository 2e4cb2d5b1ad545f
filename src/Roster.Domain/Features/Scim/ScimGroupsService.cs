using Roster.Domain.Abstractions;
using Roster.Domain.Auth;
using Roster.Domain.Errors;
using Roster.Domain.Groups;
using Roster.Domain.Users;

namespace Roster.Domain.Scim;

/// <summary>
/// Zoom's SCIM2 Groups over Zoom's groups: a SCIM group is a Roster group (same id), and every write goes through the
/// groups services' own steps (<see cref="GroupsService"/>, <see cref="GroupMembersService"/>), so <c>group.created</c>,
/// <c>group.updated</c>, <c>group.member_added</c>, <c>group.member_deleted</c> and <c>group.deleted</c> are recorded
/// as for <c>/v2/groups</c>; a PATCH applies all its operations in one transaction or none. Who may call: as for
/// <see cref="ScimUsersService"/>.
/// </summary>
public sealed class ScimGroupsService(IRosterStore store, TimeProvider clock)
{
    const int Batch = 1000;

    public Task<ScimGroupPage> ListAsync(Caller caller, ScimListQuery q, CancellationToken ct = default)
    {
        if (q.Filter is { } f && !Served(f)) throw Fail.ScimInvalidFilter("groups are filtered by displayName eq or id eq.");
        return store.ReadAsync(async s =>
        {
            await ScimUsersService.Admitted(s, caller, Operations.ScimListGroups);
            var start = Math.Max(1, q.StartIndex);
            var count = Math.Clamp(q.Count, 0, ScimUsersService.MaxCount);
            var matches = new List<ScimGroupView>();
            for (long after = 0; ;) // an account has at most 5,000 groups: read in order, filtered here
            {
                var batch = await s.ListGroupsAsync(caller.AccountId, after, Batch);
                foreach (var g in batch)
                {
                    var view = new ScimGroupView(g.Id, g.Name, g.CreatedAt, null);
                    if (q.Filter is null || q.Filter.Matches(ScimGroupResource.Of(view, ""))) matches.Add(view);
                }
                if (batch.Count < Batch) break;
                after = batch[^1].Seq;
            }
            return new ScimGroupPage(matches.Skip(start - 1).Take(count).ToList(), matches.Count, start);
        }, ct);
    }

    /// <summary>Only <c>displayName eq "…"</c> and <c>id eq "…"</c> (what IdPs send; Zoom documents no grammar).</summary>
    static bool Served(ScimFilter f) => f is ScimFilter.Compare { Op: "eq", Path: { Extension: null, Sub: null } p, Value: JsonValue }
        && p.Attribute.Name is "id" or "displayName";

    public Task<ScimGroupView> GetAsync(Caller caller, string id, CancellationToken ct = default)
        => store.ReadAsync(async s =>
        {
            await ScimUsersService.Admitted(s, caller, Operations.ScimGetGroup);
            var group = await GroupsService.Find(s, caller, id);
            return await ViewAsync(s, group);
        }, ct);

    static async Task<ScimGroupView> ViewAsync(IStoreSession s, Group group)
    {
        var members = new List<ScimGroupMember>();
        for (long after = 0; ;)
        {
            var batch = await s.ListGroupMembersAsync(group.Id, after, Batch);
            members.AddRange(batch.Select(m => new ScimGroupMember(m.UserId, $"{m.FirstName} {m.LastName}".Trim() is { Length: > 0 } n ? n : m.Email)));
            if (batch.Count < Batch) break;
            after = batch[^1].Seq;
        }
        return new ScimGroupView(group.Id, group.Name, group.CreatedAt, members);
    }

    static string Name(JsonNode? value)
    {
        var name = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(name) || name.Length > GroupsService.MaxNameLength || name.Any(char.IsControl)) throw Fail.ScimGroupName();
        return name;
    }

    /// <summary>POST: a new group named <c>displayName</c> (members, if given, join it in the same transaction).</summary>
    public Task<ScimGroupView> CreateAsync(Caller caller, JsonObject body, CancellationToken ct = default)
    {
        Operations.ScimCreateGroup.Authorize(caller, targetIsSelf: false);
        if (body.Count == 0) throw Fail.ScimEmptyBody();
        var name = Name(body["displayName"]);
        var members = body["members"] is null ? [] : ScimGroupPatch.Apply(name, [], new JsonObject
        {
            ["Operations"] = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "members", ["value"] = body["members"]!.DeepClone() }),
        }).Members;
        return store.Write(async s =>
        {
            await ScimUsersService.Admitted(s, caller, Operations.ScimCreateGroup);
            var group = await GroupsService.InsertAsync(s, clock, caller, name, null, null);
            await GroupMembersService.JoinAllAsync(s, clock, caller, group, await UsersAsync(s, caller, members));
            return await ViewAsync(s, group);
        }, ct);
    }

    /// <summary>The SCIM users the ids name, held, in order; one that is not (another account's, pending, none) is 400.</summary>
    static async Task<List<User>> UsersAsync(IStoreSession s, Caller caller, IEnumerable<string> ids)
    {
        var users = new List<User>();
        foreach (var id in ids)
            users.Add(await GroupMembersService.Resolve(s, caller, new GroupUserRef { Id = id }) is { IsPending: false } u ? u : throw Fail.ScimGroupMember(id));
        return users;
    }

    /// <summary>PATCH: the operations read against the group as it is, then the name and the members changed to what they end with.</summary>
    public Task PatchAsync(Caller caller, string id, JsonObject body, CancellationToken ct = default)
    {
        Operations.ScimPatchGroup.Authorize(caller, targetIsSelf: false);
        return store.Write(async s =>
        {
            await ScimUsersService.Admitted(s, caller, Operations.ScimPatchGroup);
            var group = await GroupsService.Find(s, caller, id, hold: true);
            var current = (await ViewAsync(s, group)).Members!.Select(m => m.Value).ToList();
            var (name, members) = ScimGroupPatch.Apply(group.Name, current, body);
            name = Name(JsonValue.Create(name));
            var joining = await UsersAsync(s, caller, members.Where(m => !current.Contains(m)));
            await GroupsService.RenameAsync(s, clock, caller, group, name);
            foreach (var leaving in current.Where(m => !members.Contains(m)))
                if (await s.LockUserAsync(leaving) is { } user) await GroupMembersService.LeaveAsync(s, clock, caller, group, user);
            await GroupMembersService.JoinAllAsync(s, clock, caller, group, joining);
            return true;
        }, ct);
    }

    public Task DeleteAsync(Caller caller, string id, CancellationToken ct = default)
        => store.Write(async s =>
        {
            await ScimUsersService.Admitted(s, caller, Operations.ScimDeleteGroup);
            await GroupsService.RemoveAsync(s, clock, caller, await GroupsService.Find(s, caller, id, hold: true));
            return true;
        }, ct);
}
