// SCIM Groups: each group resource validated by scimmy's Group schema (with Zoom's extension), membership PATCHes
// compared with scim-patch (Zoom answers a group PATCH 204, so the group is read back), then the group deleted.
import { call, group, patchAgainst } from "./client.mjs";
import { URN } from "./schemas.mjs";

export async function checkGroups({ id, rand }) {
  const member = (await call("GET", `/Users/${id}`, null, 200)).json;
  const display = `${member.name?.givenName ?? ""} ${member.name?.familyName ?? ""}`.trim() || member.userName;
  const created = group((await call("POST", "/Groups", { schemas: [URN.group], displayName: `G${rand()}` }, 201)).json, "POST group");
  const path = `/Groups/${created.id}`;
  const read = async () => group((await call("GET", path, null, 200)).json, "GET group");
  let current = await read();
  const patches = [
    ["replace displayName", [{ op: "replace", path: "displayName", value: `G${rand()}` }]],
    ["add a member", [{ op: "add", path: "members", value: [{ value: id, display }] }]],
    ["remove by value filter", [{ op: "remove", path: `members[value eq "${id}"]` }]],
  ];
  for (const [what, operations] of patches) current = group(await patchAgainst(path, current, operations, `PATCH group ${what}`, { answers: false, read }), `PATCH group ${what}`);
  // Entra's remove of listed members ({op: "Remove", path: "members", value: [...]}) is not RFC 7644's form (a remove
  // names its target by a path filter; without one it removes every member) and scim-patch leaves it alone: checked on
  // what Roster does with it alone, as Entra means it: exactly the listed members leave
  current = group(await patchAgainst(path, current, [{ op: "Add", path: "members", value: [{ value: id, display }] }], "PATCH group add again", { answers: false, read }), "PATCH group add again");
  await call("PATCH", path, { schemas: [URN.patchOp], Operations: [{ op: "Remove", path: "members", value: [{ value: id }] }] }, 204);
  current = await read();
  if ((current.members ?? []).some((m) => m.value === id)) throw new Error(`PATCH group Entra remove with a value: ${id} is still a member`);
  const listed = (await call("GET", `/Groups?filter=${encodeURIComponent(`id eq "${created.id}"`)}`, null, 200)).json;
  if (listed.totalResults !== 1 || listed.Resources[0].id !== created.id) throw new Error(`filter id eq: got ${JSON.stringify(listed)}`);
  await call("DELETE", path, null, 204);
  await call("GET", path, null, 404);
}
