// Who a signed-in user is now, read from the users table: the session remembers only the id
// and the role they had when they signed in. No Next.js imports, so the proxy can use it.
import { findUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import type { Role } from "./roles";

/**
 * The user behind a session's id, or null when the id is unknown, the user is
 * deactivated, or the user signed out after this session was signed in (`signedInAt`,
 * ms; sessions from before sign-in times were recorded count as 0).
 */
export async function findActiveUser(sessionUserId: unknown, signedInAt?: number): Promise<User | null> {
  const id = Number(sessionUserId);
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await findUserById({ id });
  if (!user?.active) return null;
  if (user.sessionsValidAfter && (signedInAt ?? 0) <= user.sessionsValidAfter.getTime()) return null;
  return user;
}

/** The user's role now, or null when the id is unknown or the user is deactivated. */
export async function currentRole(sessionUserId: string): Promise<Role | null> {
  return (await findActiveUser(sessionUserId))?.role ?? null;
}
