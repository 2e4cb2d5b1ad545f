// Zoom's own Node SDK (@zoom/rivet 0.4.0, users module) drives every Groups operation Roster serves against a running
// Roster: listGroups, createGroup, getGroup, updateGroup, deleteGroup, listGroupMembers, addGroupMembers,
// deleteGroupMember, updateGroupMember (move, set_primary), listGroupAdmins, addGroupAdmins, deleteGroupAdmin,
// listGroupChannels; and users.getUser for the members' group_ids.
// Left out, because Roster does not serve them yet: getGroupsSettings, updateGroupsSettings, getLockedSettings,
// updateLockedSettings, getGroupsWebinarRegistrationSettings, updateGroupsWebinarRegistrationSettings,
// uploadVirtualBackgroundFiles, deleteVirtualBackgroundFiles.
// Run by RivetGroupsTests with ROSTER_BASE_URL, ROSTER_ACCOUNT_ID, ROSTER_CLIENT_ID, ROSTER_CLIENT_SECRET, and two users
// of the account: ROSTER_USER_ID (added by id) and ROSTER_USER_EMAIL (added by e-mail). Exits 1 with what failed.
import { UsersS2SAuthClient, ApiResponseError } from "@zoom/rivet/users";

const env = (name) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const base = env("ROSTER_BASE_URL");
const [accountId, clientId, clientSecret] = [env("ROSTER_ACCOUNT_ID"), env("ROSTER_CLIENT_ID"), env("ROSTER_CLIENT_SECRET")];
const [userId, userEmail] = [env("ROSTER_USER_ID"), env("ROSTER_USER_EMAIL")];

function check(ok, what, got) {
  if (!ok) throw new Error(`${what}; got ${JSON.stringify(got)}`);
}

// Rivet asks https://zoom.us/oauth/token for its token (a constant in the SDK); the same request goes to Roster's token
// endpoint here, and Rivet gets the token through its documented TokenStore option. Every API call is Rivet's own,
// sent to Roster through its documented baseUrl option.
const tokenReply = await fetch(`${base}/oauth/token`, {
  method: "POST",
  headers: {
    Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
    "Content-Type": "application/x-www-form-urlencoded",
  },
  body: new URLSearchParams({ grant_type: "account_credentials", account_id: accountId }),
});
const raw = await tokenReply.json();
check(tokenReply.status === 200 && typeof raw.access_token === "string", "token endpoint answers", raw);
const token = { accessToken: raw.access_token, expirationTimeIso: new Date(Date.now() + raw.expires_in * 1000).toISOString(), scopes: raw.scope.split(" ") };
const tokenStore = { getLatestToken: () => token, storeToken: () => {} };

const client = new UsersS2SAuthClient({ clientId, clientSecret, accountId, tokenStore, baseUrl: `${base}/v2`, disableReceiver: true });
const groups = client.endpoints.groups;
const users = client.endpoints.users;
const steps = [];
async function step(name, call) {
  try {
    const result = await call();
    steps.push(name);
    return result;
  } catch (e) {
    throw new Error(`${name}: ${e.message}`, { cause: e });
  }
}
// The message of Zoom's error as Rivet reports it ("[status/code]: message"), or "" when the call succeeded.
async function refusal(name, call) {
  return step(name, async () => {
    try {
      await call();
      return "";
    } catch (e) {
      if (!(e instanceof ApiResponseError)) throw e;
      return e.message;
    }
  });
}
const isTime = (s) => typeof s === "string" && !Number.isNaN(Date.parse(s));
const groupIdsOf = async (id) => (await step("getUser", () => users.getUser({ path: { userId: id } }))).data.group_ids ?? [];

try {
  const empty = await step("listGroups (none)", () => groups.listGroups({ query: {} }));
  check(empty.statusCode === 200 && empty.data.total_records === 0 && empty.data.groups.length === 0 && empty.data.next_page_token === "", "no groups yet", empty.data);

  const made = await step("createGroup", () => groups.createGroup({ body: { name: "Rivet Sales" } }));
  check(made.statusCode === 201 && typeof made.data.id === "string" && made.data.name === "Rivet Sales" && made.data.total_members === 0, "the group as made", made.data);
  const sales = made.data.id;
  const support = (await step("createGroup (second)", () => groups.createGroup({ body: { name: "Rivet Support" } }))).data.id;
  const taken = await refusal("createGroup (taken name)", () => groups.createGroup({ body: { name: "Rivet Sales" } }));
  check(taken.startsWith("[409/4132]"), "a taken name is Zoom's 409/4132", taken);

  const got = await step("getGroup", () => groups.getGroup({ path: { groupId: sales } }));
  check(got.statusCode === 200 && got.data.id === sales && got.data.name === "Rivet Sales" && got.data.total_members === 0, "the group read back", got.data);
  const renamed = await step("updateGroup", () => groups.updateGroup({ path: { groupId: sales }, body: { name: "Rivet Field Sales" } }));
  check(renamed.statusCode === 204, "update answers 204", renamed.statusCode);

  const first = await step("listGroups (page 1)", () => groups.listGroups({ query: { page_size: 1 } }));
  check(first.data.total_records === 2 && first.data.groups.length === 1 && first.data.next_page_token !== "", "one group a page, a next page", first.data);
  const second = await step("listGroups (page 2)", () => groups.listGroups({ query: { page_size: 1, next_page_token: first.data.next_page_token } }));
  check(second.data.groups.length === 1 && second.data.next_page_token === "", "the last page", second.data);
  const names = [...first.data.groups, ...second.data.groups].map((g) => g.name).sort().join();
  check(names === "Rivet Field Sales,Rivet Support", "both groups, one renamed", names);

  const added = await step("addGroupMembers", () => groups.addGroupMembers({ path: { groupId: sales }, body: { members: [{ id: userId }, { email: userEmail }] } }));
  check(added.statusCode === 201 && added.data.ids.split(",").length === 2 && added.data.ids.startsWith(userId) && isTime(added.data.added_at), "both added, ids and added_at", added.data);
  const again = await step("addGroupMembers (again)", () => groups.addGroupMembers({ path: { groupId: sales }, body: { members: [{ id: userId }] } }));
  check(again.statusCode === 201 && again.data.ids === "", "a member already there is not added again", again.data);
  await step("addGroupMembers (second group)", () => groups.addGroupMembers({ path: { groupId: support }, body: { members: [{ id: userId }] } }));

  const seen = [];
  let page = await step("listGroupMembers", () => groups.listGroupMembers({ path: { groupId: sales }, query: { page_size: 1 } }));
  check(page.data.total_records === 2 && page.data.page_size === 1 && page.data.page_count === 2 && page.data.page_number === 1 && page.data.members.length === 1,
    "the first page of one member", page.data);
  seen.push(...page.data.members);
  while (page.data.next_page_token) {
    const next = page.data.next_page_token;
    page = await step("listGroupMembers (next page)", () => groups.listGroupMembers({ path: { groupId: sales }, query: { page_size: 1, next_page_token: next } }));
    seen.push(...page.data.members);
  }
  check(seen.length === 2 && seen[0].id === userId && seen[1].email === userEmail.toLowerCase() && seen.every((m) => m.type === 1 && "first_name" in m && "last_name" in m),
    "both members in the order added, Zoom's fields", seen);
  const otherId = seen[1].id;

  check((await groupIdsOf(userId)).join() === `${sales},${support}`, "the first group the user joined is its primary", await groupIdsOf(userId));
  const primary = await step("updateGroupMember (set_primary)", () =>
    groups.updateGroupMember({ path: { groupId: sales, memberId: userId }, body: { action: "set_primary", target_group_id: support } }));
  check(primary.statusCode === 204, "set_primary answers 204", primary.statusCode);
  check((await groupIdsOf(userId)).join() === `${support},${sales}`, "the primary group comes first", await groupIdsOf(userId));
  const moved = await step("updateGroupMember (move)", () =>
    groups.updateGroupMember({ path: { groupId: sales, memberId: otherId }, body: { action: "move", target_group_id: support } }));
  check(moved.statusCode === 204, "move answers 204", moved.statusCode);
  check((await groupIdsOf(otherId)).join() === support, "moved out of one group into the other", await groupIdsOf(otherId));
  const noTarget = await refusal("updateGroupMember (no target)", () =>
    groups.updateGroupMember({ path: { groupId: sales, memberId: userId }, body: { action: "move" } }));
  check(noTarget.startsWith("[400/300]"), "a move without target_group_id is 400/300", noTarget);

  const counts = await step("getGroup (counts)", async () => [
    (await groups.getGroup({ path: { groupId: sales } })).data.total_members,
    (await groups.getGroup({ path: { groupId: support } })).data.total_members,
  ]);
  check(counts.join() === "1,2", "one member left in sales, two in support", counts);

  const admins = await step("addGroupAdmins", () => groups.addGroupAdmins({ path: { groupId: support }, body: { admins: [{ id: userId }, { email: userEmail }] } }));
  check(admins.statusCode === 201 && admins.data.ids.split(",").length === 2 && isTime(admins.data.added_at), "two admins added", admins.data);
  const adminList = await step("listGroupAdmins", () => groups.listGroupAdmins({ path: { groupId: support }, query: { page_size: 30 } }));
  check(adminList.data.total_records === 2 && adminList.data.page_size === 30 && adminList.data.next_page_token === ""
    && adminList.data.admins.map((a) => a.email).join() === `${seen[0].email},${userEmail.toLowerCase()}` && adminList.data.admins.every((a) => a.name === "Rivet User"),
    "both admins, with their names", adminList.data);
  const unAdmin = await step("deleteGroupAdmin", () => groups.deleteGroupAdmin({ path: { groupId: support, userId } }));
  check(unAdmin.statusCode === 204, "deleting an admin answers 204", unAdmin.statusCode);
  const notAdmin = await refusal("deleteGroupAdmin (not an admin)", () => groups.deleteGroupAdmin({ path: { groupId: support, userId } }));
  check(notAdmin.startsWith("[400/4138]"), "one who is not an admin is Zoom's 400/4138", notAdmin);

  const channels = await step("listGroupChannels", () => groups.listGroupChannels({ path: { groupId: support } }));
  check(channels.statusCode === 200 && channels.data.group_id === support && Array.isArray(channels.data.channels) && channels.data.channels.length === 0,
    "no channels", channels.data);

  const out = await step("deleteGroupMember", () => groups.deleteGroupMember({ path: { groupId: support, memberId: otherId } }));
  check(out.statusCode === 204, "deleting a member answers 204", out.statusCode);
  check((await groupIdsOf(otherId)).length === 0, "the member is in no group now", await groupIdsOf(otherId));

  for (const groupId of [sales, support]) {
    const deleted = await step("deleteGroup", () => groups.deleteGroup({ path: { groupId } }));
    check(deleted.statusCode === 204, "delete answers 204", deleted.statusCode);
  }
  const gone = await refusal("getGroup (deleted)", () => groups.getGroup({ path: { groupId: sales } }));
  check(gone.startsWith("[404/4130]"), "a deleted group is Zoom's 404/4130", gone);
  check((await groupIdsOf(userId)).length === 0, "deleting the groups leaves their members in none", await groupIdsOf(userId));
  const none = await step("listGroups (after delete)", () => groups.listGroups({ query: {} }));
  check(none.data.total_records === 0, "no groups left", none.data);
  console.log(`ok: ${steps.join(", ")}`);
} catch (e) {
  console.error(`FAILED after [${steps.join(", ")}]: ${e.message}`);
  process.exit(1);
}
