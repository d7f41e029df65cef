// Maps an identity provider's group or role claim to the portal's roles, e.g.
// AUTH_SSO_ROLE_CLAIM=groups and AUTH_SSO_ROLE_MAP="csa-supervisors=supervisor,csa-admins=admin".
// A claim value that maps to nothing is ignored; of several, the highest role wins.
import { hasRole, isRole, type Role } from "./roles";

export type RoleMap = ReadonlyMap<string, Role>;

/**
 * Parses "value=role,value=role" — or "value=role;value=role" when a value holds commas
 * (LDAP-style group names). Throws with a message naming the bad entry.
 */
export function parseRoleMap(text: string): RoleMap {
  const map = new Map<string, Role>();
  const separator = text.includes(";") ? ";" : ",";
  for (const entry of text.split(separator).map((e) => e.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf("=");
    const value = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim();
    if (at <= 0 || !value) throw new Error(`"${entry}" is not value=role`);
    if (!isRole(role)) throw new Error(`"${role}" in "${entry}" is not agent, supervisor or admin`);
    map.set(value, role);
  }
  if (map.size === 0) throw new Error("names no value=role pair");
  return map;
}

/** The claim at a dotted path ("realm_access.roles"), as a list of strings. */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const key of path.split(".")) {
    value = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** The highest role the claim maps to, or null when no value maps (the stored role then stays). */
export function mappedRole(claims: Record<string, unknown>, claim: string, map: RoleMap): Role | null {
  let best: Role | null = null;
  for (const value of claimValues(claims, claim)) {
    const role = map.get(value);
    if (role && !hasRole(best, role)) best = role;
  }
  return best;
}
