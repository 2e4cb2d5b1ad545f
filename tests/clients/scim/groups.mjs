// SCIM Groups, checked once discovery lists them (filled in with /scim2/Groups).
export async function checkGroups() {}
