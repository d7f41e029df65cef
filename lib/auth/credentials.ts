// Checks an e-mail and password. Every failure looks the same to the caller
// (no hint whether the account exists), and attempts are throttled before the password is
// checked (./throttle.ts): one that comes too soon throws SignInThrottled.
import { z } from "zod";
import { findUserByEmail, touchLastSignIn } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { PASSWORD_MAX_LENGTH, verifyPassword } from "./password";
import { admitAttempt, recordSuccess, throttleKeys } from "./throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export type AuthenticatedUser = { id: string; email: string; name: string; role: Role };

export async function authenticate(input: unknown, ip: string | null, now = new Date()): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = throttleKeys(email, ip);
  // Counted as a failure until the password proves right.
  await admitAttempt(keys, now);
  const user = await findUserByEmail({ email });
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || !user.active) return null;
  await recordSuccess(keys);
  await touchLastSignIn({ id: user.id });
  return { id: String(user.id), email: user.email, name: user.name, role: user.role };
}
