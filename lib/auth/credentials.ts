// Checks an e-mail and password. Every failure looks the same to the caller
// (no hint whether the account exists), and repeated failures are slowed down.
import { z } from "zod";
import { findUserByEmail, touchLastSignIn } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { PASSWORD_MAX_LENGTH, verifyPassword } from "./password";
import { recordFailure, recordSuccess, throttleKeys, waitForThrottle } from "./throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export type AuthenticatedUser = { id: string; email: string; name: string; role: Role };

export async function authenticate(input: unknown, ip: string | null): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = throttleKeys(email, ip);
  await waitForThrottle(keys);
  const user = await findUserByEmail({ email });
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || !user.active) {
    await recordFailure(keys);
    return null;
  }
  await recordSuccess(keys);
  await touchLastSignIn({ id: user.id });
  return { id: String(user.id), email: user.email, name: user.name, role: user.role };
}
