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
    ["Entra remove with a value", [{ op: "Remove", path: "members", value: [{ value: id }] }]],
    ["add again", [{ op: "Add", path: "members", value: [{ value: id, display }] }]],
    ["remove by value filter", [{ op: "remove", path: `members[value eq "${id}"]` }]],
  ];
  for (const [what, operations] of patches) current = group(await patchAgainst(path, current, operations, `PATCH group ${what}`, { answers: false, read }), `PATCH group ${what}`);
  const listed = (await call("GET", `/Groups?filter=${encodeURIComponent(`id eq "${created.id}"`)}`, null, 200)).json;
  if (listed.totalResults !== 1 || listed.Resources[0].id !== created.id) throw new Error(`filter id eq: got ${JSON.stringify(listed)}`);
  await call("DELETE", path, null, 204);
  await call("GET", path, null, 404);
}
