// Roles are ordered: an admin can do everything a supervisor can, a supervisor
// everything an agent can. Every permission check in the app goes through hasRole.
import { ROLES, type Role } from "@/db/schema";

export { ROLES, type Role };

const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

export function hasRole(role: Role | undefined | null, required: Role): boolean {
  return !!role && RANK[role] >= RANK[required];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The portal's pages and the least role that may open each. */
export const PORTAL_PAGES = [
  { href: "/", label: "Dashboard", role: "agent" },
  { href: "/tasks", label: "Tasks", role: "agent" },
  { href: "/review", label: "Review", role: "supervisor" },
  { href: "/models", label: "Models", role: "supervisor" },
  { href: "/trends", label: "Trends", role: "supervisor" },
  { href: "/accounts", label: "Accounts", role: "supervisor" },
  { href: "/emotions", label: "Emotions", role: "supervisor" },
  { href: "/escalation", label: "Escalation", role: "supervisor" },
  { href: "/users", label: "Users", role: "admin" },
  { href: "/api-docs", label: "API", role: "agent" },
] as const satisfies readonly { href: string; label: string; role: Role }[];

export type PortalPage = (typeof PORTAL_PAGES)[number]["href"];

/** The least role a portal page needs; its actions and CSV downloads need the same unless they say otherwise. */
export function pageRole(href: PortalPage): Role {
  return PORTAL_PAGES.find((p) => p.href === href)!.role;
}

/**
 * The one thing on a page that needs more than the page: managing the task queue
 * (assigning anyone, setting priorities by hand) on the agents' Tasks pages and in PATCH /tasks/{id}.
 */
export const MANAGES_TASKS: Role = "supervisor";

export function pagesFor(role: Role) {
  return PORTAL_PAGES.filter((p) => hasRole(role, p.role));
}

/** The least role a portal path needs, or null for paths outside the portal. */
export function requiredRoleForPath(pathname: string): Role | null {
  let best: { href: string; role: Role } | null = null;
  for (const page of PORTAL_PAGES) {
    const matches = page.href === "/" ? pathname === "/" : pathname === page.href || pathname.startsWith(page.href + "/");
    if (matches && (!best || page.href.length > best.href.length)) best = page;
  }
  return best?.role ?? null;
}
