// The schemas the check holds Roster's resources to: scimmy's own RFC 7643 User (with its EnterpriseUser extension) and
// Group, plus Zoom's two user extensions and its group extension, written here from Zoom's reference (zoom-scim2.md §3),
// not from Roster's /scim2/Schemas. Every resource Roster returns must survive scimmy's coerce unchanged: a wrong type
// throws, and an attribute no schema knows is dropped by coerce, which the comparison then reports.
import SCIMMY from "scimmy";

const { SchemaDefinition, Attribute } = SCIMMY.Types;
const text = (name) => new Attribute("string", name);
const flag = (name) => new Attribute("boolean", name);

export const URN = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  enterprise: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  zoomUser: "urn:us:zoom:scim:schemas:extension:1.0:ZoomUser",
  zoomProfile: "urn:ietf:params:scim:schemas:extension:zoom:1.0:User",
  zoomGroup: "urn:ietf:params:scim:schemas:extension:zoom:2.0:Group",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  list: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
};

// Zoom's login types (ZoomUser) and profile/licence extension (zoom:1.0:User), as Zoom's reference lists them. scimmy
// takes only urn:ietf:params:scim:schemas: ids, and Zoom's login-type URN is urn:us:zoom:…: that one extension is checked
// under a stand-in id (ZOOM_USER_STANDIN), the resource's key and schemas entry renamed for the check only.
const ZOOM_USER_STANDIN = "urn:ietf:params:scim:schemas:extension:zoomus:1.0:ZoomUser";
const zoomUser = new SchemaDefinition("ZoomUser", ZOOM_USER_STANDIN, "Zoom login types", [
  new Attribute("complex", "loginType", {}, [flag("workEmail"), flag("sso")]),
]);
const zoomProfile = new SchemaDefinition("ZoomUserProfile", URN.zoomProfile, "Zoom profile and licences", [
  ...["personalLinkName", "transferee", "pronouns", "zoomUnited", "zoomOneBizPlus", "zoomOneEdu", "zoomOneSchoolCampusPlus", "zoomOneEntPremier",
    "zoomOneEduEntPremier", "zoomAutoDialer", "zoomFrontline", "cxInsights", "zoomRevenueAcceleratorRole", "zoomPhoneNumber", "zoomPhoneCallingPlan"].map(text),
  ...["zoomIQ", "zoomRevenueAccelerator", "zoomCustomerManagedKey", "zoomWhiteboard", "zoomWhiteboardPlus", "zoomTranslatedCaptions", "zoomHuddles",
    "zoomWorkforceManagement", "zoomQualityManagement", "zoomScheduler", "zoomClipsPlus", "zoomMailAndCalendar", "visitorManagement",
    "zoomComplianceManagement", "zoomDocs", "clinicalNotes", "zoomClinicians", "zoomCustomAICompanion", "zoomAICompanion"].map(flag),
]);
const zoomGroup = new SchemaDefinition("ZoomGroup", URN.zoomGroup, "Zoom group extension", [text("emailAlias")]);

// scimmy's definitions, extended once for this process.
export const userDefinition = SCIMMY.Schemas.User.definition;
userDefinition.extend(SCIMMY.Schemas.EnterpriseUser.definition, false);
userDefinition.extend(zoomUser, false);
userDefinition.extend(zoomProfile, false);
export const groupDefinition = SCIMMY.Schemas.Group.definition;
groupDefinition.extend(zoomGroup, false);

// RFC 7643 dateTime values are compared as instants (scimmy writes milliseconds, Zoom and Roster seconds); attributes
// without a value (null, "", {} or []) are compared as absent (RFC 7643 §2.5: unassigned and null are the same);
// `schemas` is compared as a set.
export function normalize(value, key = "") {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v)).filter((v) => v !== undefined);
    if (key === "schemas") items.sort(); // a set of URNs (RFC 7643 §3): order carries nothing
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const k of Object.keys(value).sort()) {
      const v = normalize(value[k], k);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (value === null || value === "") return undefined;
  if ((key === "created" || key === "lastModified") && typeof value === "string") return new Date(value).toISOString();
  return value;
}

export const same = (a, b) => JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));

/** Throws with what differs when the resource does not survive scimmy's coerce unchanged. */
function validate(definition, resourceType, resource, what) {
  if (resource?.meta?.resourceType !== resourceType) throw new Error(`${what}: meta.resourceType is not ${resourceType}: ${JSON.stringify(resource)}`);
  if (typeof resource.id !== "string" || resource.id.length === 0) throw new Error(`${what}: no id: ${JSON.stringify(resource)}`);
  let coerced;
  try {
    coerced = definition.coerce(resource);
  } catch (e) {
    throw new Error(`${what}: scimmy's ${resourceType} schema refuses it (${e.message}): ${JSON.stringify(resource)}`);
  }
  if (!same(coerced, resource))
    throw new Error(`${what}: attributes scimmy's ${resourceType} schema does not know or reads otherwise:\n roster: ${JSON.stringify(normalize(resource))}\n scimmy: ${JSON.stringify(normalize(coerced))}`);
}

/**
 * A User resource against scimmy's RFC 7643 User schema with the enterprise extension and Zoom's two extensions.
 * Zoom's enterprise `manager` is the manager's e-mail as a string, where RFC 7643 §4.3 has a complex
 * `{value, $ref, displayName}`: that one attribute is checked here to be a string holding an e-mail, then handed to scimmy
 * as `{value: "<e-mail>"}` so the rest of the extension is still checked by scimmy.
 */
export function validateUser(resource, what) {
  const copy = structuredClone(resource);
  const enterprise = copy?.[URN.enterprise];
  if (enterprise && "manager" in enterprise) {
    if (typeof enterprise.manager !== "string" || !/^[^@\s]+@[^@\s]+$/.test(enterprise.manager))
      throw new Error(`${what}: enterprise manager is not Zoom's e-mail string: ${JSON.stringify(enterprise.manager)}`);
    enterprise.manager = { value: enterprise.manager };
  }
  if (copy && URN.zoomUser in copy) {
    copy[ZOOM_USER_STANDIN] = copy[URN.zoomUser];
    delete copy[URN.zoomUser];
  }
  if (Array.isArray(copy?.schemas)) copy.schemas = copy.schemas.map((s) => (s === URN.zoomUser ? ZOOM_USER_STANDIN : s));
  validate(userDefinition, "User", copy, what);
}

export const validateGroup = (resource, what) => validate(groupDefinition, "Group", resource, what);
