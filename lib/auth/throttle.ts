// Slows down repeated failed sign-ins for one e-mail address or one client address:
// after a few free attempts each further one waits longer (capped), so guessing a
// password costs hours instead of seconds while a person who mistypes barely notices.
import { clearLoginFailures, recentLoginFailures, recordLoginFailure } from "@/db/queries/users";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const FREE_ATTEMPTS = 3;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;

export function throttleKeys(email: string, ip: string | null): string[] {
  const keys = [`email:${email.toLowerCase()}`];
  if (ip) keys.push(`ip:${ip}`);
  return keys;
}

/** The wait before checking a password, given the failures recorded for the keys. */
export function delayForFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export async function waitForThrottle(keys: string[]): Promise<number> {
  const failures = await recentLoginFailures({ keys, windowMs: THROTTLE_WINDOW_MS });
  const delay = delayForFailures(failures);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  return delay;
}

export async function recordFailure(keys: string[]): Promise<void> {
  for (const key of keys) await recordLoginFailure({ key, windowMs: THROTTLE_WINDOW_MS });
}

export async function recordSuccess(keys: string[]): Promise<void> {
  // Only the account's own counter is cleared: a shared address keeps its history.
  await clearLoginFailures({ key: keys[0] });
}
