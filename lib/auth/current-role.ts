// Who a signed-in user is now, read from the users table: the session remembers only the id
// and the role they had when they signed in. No Next.js imports, so the proxy can use it.
import { findUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import type { Role } from "./roles";

/** The user behind a session's id, or null when the id is unknown or the user is deactivated. */
export async function findActiveUser(sessionUserId: unknown): Promise<User | null> {
  const id = Number(sessionUserId);
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await findUserById({ id });
  return user?.active ? user : null;
}

/** The user's role now, or null when the id is unknown or the user is deactivated. */
export async function currentRole(sessionUserId: string): Promise<Role | null> {
  return (await findActiveUser(sessionUserId))?.role ?? null;
}
