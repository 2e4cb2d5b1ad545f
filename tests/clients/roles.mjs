// Zoom's own Node SDK (@zoom/rivet 0.4.0, accounts module) drives all eight Roles operations against a running Roster.
// Run by RivetRolesTests with ROSTER_BASE_URL, ROSTER_ACCOUNT_ID, ROSTER_CLIENT_ID, ROSTER_CLIENT_SECRET, and two users
// of the account: ROSTER_USER_ID (assigned by id) and ROSTER_USER_EMAIL (assigned by e-mail). Exits 1 with what failed.
import { AccountsS2SAuthClient, ApiResponseError } from "@zoom/rivet/accounts";

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

const client = new AccountsS2SAuthClient({ clientId, clientSecret, accountId, tokenStore, baseUrl: `${base}/v2`, disableReceiver: true });
const roles = client.endpoints.roles;
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

try {
  const listed = await step("listRoles", () => roles.listRoles({ query: { type: "common" } }));
  check(listed.statusCode === 200 && listed.data.total_records === 3, "three built-in roles", listed.data);
  check(listed.data.roles.map((r) => `${r.id}:${r.name}`).join(",") === "0:Owner,1:Admin,2:Member", "Owner 0, Admin 1, Member 2", listed.data.roles);

  const created = await step("createRole", () =>
    roles.createRole({ body: { name: "Rivet Helpdesk", description: "Made by @zoom/rivet", privileges: ["User:Read", "Role:Read"] } }));
  check(created.statusCode === 201 && /^R[A-Za-z0-9_-]{22}$/.test(created.data.id), "a custom role id", created.data);
  const roleId = created.data.id;

  let refused = "";
  await step("createRole (taken name)", async () => {
    try {
      await roles.createRole({ body: { name: "rivet helpdesk" } });
    } catch (e) {
      if (!(e instanceof ApiResponseError)) throw e;
      refused = e.message;
    }
  });
  check(refused.startsWith("[400/1224]"), "a taken name is Zoom's 400/1224", refused);

  const got = await step("getRoleInformation", () => roles.getRoleInformation({ path: { roleId } }));
  check(got.data.name === "Rivet Helpdesk" && got.data.total_members === 0 && got.data.privileges.join() === "User:Read,Role:Read", "the role as made", got.data);

  const updated = await step("updateRoleInformation", () =>
    roles.updateRoleInformation({ path: { roleId }, body: { name: "Rivet Desk", privileges: ["User:Read", "User:Edit"] } }));
  check(updated.statusCode === 204, "update answers 204", updated.statusCode);

  const assigned = await step("assignRole", () => roles.assignRole({ path: { roleId }, body: { members: [{ id: userId }, { email: userEmail }] } }));
  check(assigned.statusCode === 201 && assigned.data.ids.split(",").length === 2 && assigned.data.ids.startsWith(userId) && !Number.isNaN(Date.parse(assigned.data.add_at)),
    "both members added, ids and add_at", assigned.data);

  const seen = [];
  let page = await step("listMembersInRole", () => roles.listMembersInRole({ path: { roleId }, query: { page_size: 1 } }));
  check(page.data.total_records === 2 && page.data.page_size === 1 && page.data.members.length === 1, "the first page of one member", page.data);
  seen.push(...page.data.members);
  while (page.data.next_page_token) {
    const next = page.data.next_page_token;
    page = await step("listMembersInRole (next page)", () => roles.listMembersInRole({ path: { roleId }, query: { page_size: 1, next_page_token: next } }));
    seen.push(...page.data.members);
  }
  check(seen.length === 2 && seen[0].id === userId && seen.some((m) => m.email === userEmail.toLowerCase()) && "department" in seen[0],
    "both members, department named as Zoom names it", seen);

  const afterAssign = await step("getRoleInformation (members)", () => roles.getRoleInformation({ path: { roleId } }));
  check(afterAssign.data.name === "Rivet Desk" && afterAssign.data.total_members === 2, "renamed, two members", afterAssign.data);

  for (const member of seen) {
    const gone = await step("unassignRole", () => roles.unassignRole({ path: { roleId, memberId: member.id } }));
    check(gone.statusCode === 204, "unassign answers 204", gone.statusCode);
  }
  const deleted = await step("deleteRole", () => roles.deleteRole({ path: { roleId } }));
  check(deleted.statusCode === 204, "delete answers 204", deleted.statusCode);
  const final = await step("listRoles (after delete)", () => roles.listRoles({ query: {} }));
  check(final.data.total_records === 3, "back to the three built-ins", final.data);
  console.log(`ok: ${steps.join(", ")}`);
} catch (e) {
  console.error(`FAILED after [${steps.join(", ")}]: ${e.message}`);
  process.exit(1);
}
