// The one helper every page, server action and route handler uses to learn who is
// asking. The JWT says who signed in; the users table says whether they still may
// (deactivation and role changes take effect at the next request).
import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { findActiveUser } from "./current-role";
import { auth } from "./index";
import { hasRole, pageRole, type PortalPage, type Role } from "./roles";

export type CurrentUser = Pick<User, "id" | "email" | "name" | "role">;

export async function currentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const user = await findActiveUser(session?.user?.id, session?.signedInAt);
  return user && { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For actions and route handlers: throws AppError 401/403. */
export async function requireRole(role: Role): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized", "Sign in first.");
  if (!hasRole(user.role, role)) throw new AppError(`forbidden:${role}`, `This needs the ${role} role.`);
  return user;
}

/** For pages: sends anonymous visitors to /login and renders 403 below the page's role (PORTAL_PAGES). */
export async function requirePageRole(page: PortalPage): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, pageRole(page))) forbidden();
  return user;
}
