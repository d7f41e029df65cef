// The role a signed-in user holds now, read from the users table: the session remembers
// only the role they had when they signed in.
import { findUserById } from "@/db/queries/users";
import type { Role } from "./roles";

/** The user's role, or null when the id is unknown or the user is deactivated. */
export async function currentRole(userId: string): Promise<Role | null> {
  const id = Number(userId);
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await findUserById({ id });
  return user?.active ? user.role : null;
}
