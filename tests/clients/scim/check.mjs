// Roster's /scim2 checked by SCIM code nobody on the project wrote: scimmy (RFC 7643 schemas) validates every resource
// Roster returns, and scim-patch (RFC 7644 PATCH) says what each PATCH should give. Run by ScimOutsideChecksTests with
// ROSTER_BASE_URL and ROSTER_TOKEN (a token holding scim2 on an account with SSO). Exits 1 with the first difference.
import { URN, same } from "./schemas.mjs";
import { call, user, patchAgainst, counts } from "./client.mjs";
import { checkGroups } from "./groups.mjs";

const done = [];
const rand = (n = 8) => Array.from({ length: n }, () => "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(Math.random() * 36)]).join("");
const pick = (values) => values[Math.floor(Math.random() * values.length)];

// (a) Discovery: the attributes Roster publishes for a User, with their schema, mutability and canonical values.
const resourceTypes = (await call("GET", "/ResourceTypes", null, 200)).json.Resources;
const schemas = (await call("GET", "/Schemas", null, 200)).json.Resources;
const userType = resourceTypes.find((r) => r.id === "User") ?? (() => { throw new Error("discovery lists no User resource type"); })();
const userSchemas = [userType.schema, ...userType.schemaExtensions.map((e) => e.schema)];
const published = userSchemas.flatMap((urn) => {
  const schema = schemas.find((s) => s.id === urn) ?? (() => { throw new Error(`discovery lists no schema ${urn}`); })();
  return schema.attributes.map((a) => ({ ...a, urn }));
});
done.push("discovery");

// A random value for every attribute a client may write. Roster's own rules are not read from Roster: an e-mail where
// Zoom keeps one, a personal link name as Zoom allows it, a Zoom United plan code, and exactly one login type.
function valueOf(a) {
  if (a.name === "userName" || a.name === "manager") return `scim.${rand()}@example.com`;
  if (a.name === "personalLinkName") return `p${rand(10)}`;
  if (a.name === "zoomUnited") return pick(["1", "2", "4", "8"]);
  if (a.name === "loginType") return pick([{ workEmail: false, sso: true }, { workEmail: true, sso: false }]);
  if (a.canonicalValues?.length) return pick(a.canonicalValues);
  if (a.type === "boolean") return a.name === "active" ? true : Math.random() < 0.5;
  if (a.type === "complex" && !a.multiValued) return Object.fromEntries(a.subAttributes.filter(writable).map((s) => [s.name, valueOf(s)]));
  if (a.type === "string") return `${a.name} ${rand()}`;
  throw new Error(`no random value for ${a.urn}:${a.name} (${a.type})`);
}
const writable = (a) => a.mutability === "readWrite" || a.mutability === "immutable" || a.mutability === "writeOnly";

function body(attributes, changing) {
  const out = { schemas: [URN.user] };
  for (const a of attributes) {
    const holder = a.urn === URN.user ? out : (out[a.urn] ??= {});
    if (changing && a.mutability === "immutable") continue;
    holder[a.name] = valueOf(a);
  }
  for (const urn of userSchemas) if (urn !== URN.user && out[urn]) out.schemas.push(urn);
  return out;
}

// Every written attribute reads back as written (readWrite, and immutable ones at creation).
function readsBack(sent, got, what) {
  for (const [key, value] of Object.entries(sent)) {
    if (key === "schemas") continue;
    if (key.startsWith("urn:")) {
      for (const [sub, v] of Object.entries(value))
        if (!same(v, got[key]?.[sub])) throw new Error(`${what}: ${key}:${sub} sent ${JSON.stringify(v)}, read ${JSON.stringify(got[key]?.[sub])}`);
    } else if (!same(value, got[key]) && !(key === "userName" && value.toLowerCase() === got[key]?.toLowerCase()))
      throw new Error(`${what}: ${key} sent ${JSON.stringify(value)}, read ${JSON.stringify(got[key])}`);
  }
}

const attributes = published.filter((a) => writable(a) && a.name !== "id");
const created = body(attributes, false);
const made = user((await call("POST", "/Users", created, 201)).json, "POST /Users");
readsBack(created, made, "POST /Users");
const id = made.id;
readsBack(created, user((await call("GET", `/Users/${id}`, null, 200)).json, "GET /Users/{id}"), "GET after POST");
done.push("create");

const listed = (await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "${created.userName}"`)}`, null, 200)).json;
if (listed.totalResults !== 1 || listed.Resources?.length !== 1 || listed.Resources[0].id !== id) throw new Error(`userName eq finds the user: ${JSON.stringify(listed)}`);
const all = (await call("GET", "/Users?startIndex=1&count=50", null, 200)).json;
if (!Array.isArray(all.Resources) || all.Resources.length === 0 || !all.schemas?.includes(URN.list)) throw new Error(`a list: ${JSON.stringify(all)}`);
for (const r of [...listed.Resources, ...all.Resources]) user(r, `GET /Users list item ${r.id}`);
done.push("list");

// PUT is Zoom's partial update: userName, emails and loginType (immutable) stay as they are.
const replacement = body(attributes.filter((a) => a.name !== "userName"), true);
replacement.userName = made.userName;
readsBack(replacement, user((await call("PUT", `/Users/${id}`, replacement, 200)).json, "PUT /Users/{id}"), "PUT");
const afterPut = user((await call("GET", `/Users/${id}`, null, 200)).json, "GET after PUT");
readsBack(replacement, afterPut, "GET after PUT");
if (!same(afterPut[URN.zoomUser], made[URN.zoomUser])) throw new Error("PUT changed loginType");
done.push("replace");

const userPath = `/Users/${id}`;
const readUser = async () => user((await call("GET", userPath, null, 200)).json, "GET after PATCH");
const patches = [
  ["replace name.givenName", [{ op: "replace", path: "name.givenName", value: `Given ${rand()}` }]],
  ["replace without a path", [{ op: "replace", value: { displayName: `Shown ${rand()}`, title: `Title ${rand()}` } }]],
  ["add title", [{ op: "add", path: "title", value: `Added ${rand()}` }]],
  ["remove title", [{ op: "remove", path: "title" }]],
  ["replace name (complex)", [{ op: "replace", path: "name", value: { givenName: `G${rand()}`, familyName: `F${rand()}` } }]],
  // Not compared: a pathless value keyed by an extension URN (scim-patch 0.8.3 splits the URN's "2.0" as a dotted path);
  // Roster's own ScimUsersTests cover that form. Nor a pathless add of a complex attribute that has a value: RFC 7644
  // §3.5.2.1 leaves open whether it merges (Roster, as Entra expects) or replaces (scim-patch).
  ["add without a path", [{ op: "add", value: { displayName: `Disp ${rand()}`, title: `Ttl ${rand()}` } }]],
  ["add an extension attribute by URN path", [{ op: "add", path: `${URN.enterprise}:costCenter`, value: `CC ${rand()}` }]],
  ["replace an extension attribute by URN path", [{ op: "replace", path: `${URN.enterprise}:organization`, value: `Org ${rand()}` }]],
  ["replace manager (Zoom's string)", [{ op: "replace", path: `${URN.enterprise}:manager`, value: `boss.${rand()}@example.com` }]],
  ["remove an extension attribute", [{ op: "remove", path: `${URN.enterprise}:costCenter` }]],
  ["replace a Zoom extension attribute", [{ op: "replace", path: `${URN.zoomProfile}:pronouns`, value: `they/${rand(4)}` }]],
  ["replace active false", [{ op: "replace", path: "active", value: false }]],
  ["replace active true, several ops", [{ op: "replace", path: "active", value: true }, { op: "add", path: "title", value: `T${rand()}` }]],
  ["value filter emails[type eq \"work\"].primary", [{ op: "replace", path: 'emails[type eq "work"].primary', value: true }]],
  ["remove without a path", [{ op: "remove" }]],
];
let current = afterPut;
for (const [what, operations] of patches) current = user(await patchAgainst(userPath, current, operations, `PATCH ${what}`, { read: readUser }), `PATCH ${what}`);
// RFC 7644 §3.5.2.3: a replace whose value filter matches nothing is 400 noTarget and changes nothing. Checked against
// the RFC, not scim-patch: scim-patch 0.8.3 answers it by adding a new item to the list.
const noMatch = await call("PATCH", userPath, { schemas: [URN.patchOp], Operations: [{ op: "replace", path: 'emails[type eq "home"].value', value: "x@example.com" }] });
if (noMatch.status !== 400 || noMatch.json?.scimType !== "noTarget" || !noMatch.json?.schemas?.includes(URN.error))
  throw new Error(`a value filter matching nothing is 400 noTarget: got ${noMatch.status} ${JSON.stringify(noMatch.json)}`);
if (!same({ ...(await readUser()), meta: undefined }, { ...current, meta: undefined })) throw new Error("a refused PATCH changed the user");
done.push("patch");

if (resourceTypes.some((r) => r.id === "Group")) {
  await checkGroups({ id, rand });
  done.push("groups");
}

await call("DELETE", userPath, null, 204);
await call("GET", userPath, null, 404);
done.push("delete");
console.log(`ok: ${done.join(", ")}; ${counts.validated} resources validated by scimmy, ${patches.length} PATCHes compared with scim-patch`);
