// What the checks share: Roster's /scim2 over fetch, the scimmy validation of each resource, and the scim-patch comparison.
import { scimPatch } from "scim-patch";
import { URN, normalize, same, validateUser, validateGroup } from "./schemas.mjs";

const env = (name) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const base = `${env("ROSTER_BASE_URL")}/scim2`;
const token = env("ROSTER_TOKEN");
export const counts = { validated: 0 };

export async function call(method, path, body, expected) {
  const reply = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: "application/scim+json", ...(body ? { "Content-Type": "application/scim+json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const raw = await reply.text();
  const json = raw.length ? JSON.parse(raw) : null;
  if (expected !== undefined && reply.status !== expected)
    throw new Error(`${method} ${path} ${body ? JSON.stringify(body) : ""}: expected ${expected}, got ${reply.status} ${raw}`);
  return { status: reply.status, json };
}

export function user(resource, what) {
  validateUser(resource, what);
  counts.validated++;
  return resource;
}

export function group(resource, what) {
  validateGroup(resource, what);
  counts.validated++;
  return resource;
}

// (b) PATCH: scim-patch applies each PatchOp to the resource as read; Roster's answer must be the same (meta aside).
// Where scim-patch refuses an operation, Roster must answer a SCIM 400 and change nothing.
export async function patchAgainst(path, current, operations, what, { answers = true, read } = {}) {
  const op = { schemas: [URN.patchOp], Operations: operations };
  let expected;
  try {
    expected = scimPatch(structuredClone(current), structuredClone(operations));
  } catch (e) {
    const refused = await call("PATCH", path, op);
    if (refused.status !== 400 || !refused.json?.schemas?.includes(URN.error))
      throw new Error(`${what}: scim-patch refuses it (${e.message}); Roster answered ${refused.status} ${JSON.stringify(refused.json)}`);
    const after = await read();
    if (!same({ ...after, meta: undefined }, { ...current, meta: undefined })) throw new Error(`${what}: a refused PATCH changed the resource`);
    return current;
  }
  const reply = await call("PATCH", path, op, answers ? 200 : 204);
  const got = answers ? reply.json : await read();
  const [a, b] = [{ ...got, meta: undefined }, { ...expected, meta: undefined }];
  if (!same(a, b)) throw new Error(`${what}: Roster and scim-patch differ\n ops:    ${JSON.stringify(operations)}\n roster: ${JSON.stringify(normalize(a))}\n scim-patch: ${JSON.stringify(normalize(b))}`);
  return got;
}

