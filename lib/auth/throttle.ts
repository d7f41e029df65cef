// Throttles password sign-ins per account (e-mail address) and per client address. Each
// attempt must be let in before its password is checked (db/queries/users.ts,
// claimLoginAttempt, one atomic statement): after a few free attempts the next is let in
// only once a wait has passed, doubling up to MAX_DELAY_MS. An attempt that comes early is
// refused at once, without a password check, and told how long to wait. So guessing is
// held to the rate of one guesser waiting politely (one per 8 s), however many guesses run
// in parallel and whichever web process they reach.
import { CredentialsSignin } from "next-auth";
import { throttleCode } from "./throttle-message";
import { claimLoginAttempt, clearLoginFailures, uncountLoginAttempt, type AttemptSchedule } from "@/db/queries/users";

const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 8000;

/** A person who mistypes gets a few tries; an office behind one address gets more. */
const ACCOUNT_SCHEDULE: AttemptSchedule = { windowMs: THROTTLE_WINDOW_MS, freeAttempts: 3, baseDelayMs: BASE_DELAY_MS, maxDelayMs: MAX_DELAY_MS };
const ADDRESS_SCHEDULE: AttemptSchedule = { ...ACCOUNT_SCHEDULE, freeAttempts: 10 };

/**
 * A sign-in refused because it came too soon. A CredentialsSignin, so next-auth treats it
 * as a refused sign-in; its code (which next-auth puts in the login page's URL) carries
 * the wait and nothing about the account.
 */
export class SignInThrottled extends CredentialsSignin {
  constructor(readonly waitSeconds: number) {
    super();
    this.code = throttleCode(waitSeconds);
  }
}

export type ThrottleKeys = { account: string; address: string | null };

export function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  return { account: `email:${email.toLowerCase()}`, address: ip ? `ip:${ip}` : null };
}

/**
 * Lets an attempt in or throws SignInThrottled. The address first: an address that is
 * refused does not spend one of the account's attempts.
 */
export async function admitAttempt(keys: ThrottleKeys, now = new Date()): Promise<void> {
  const checks: [string, AttemptSchedule][] = [];
  if (keys.address) checks.push([keys.address, ADDRESS_SCHEDULE]);
  checks.push([keys.account, ACCOUNT_SCHEDULE]);
  for (const [key, schedule] of checks) {
    const due = await claimLoginAttempt({ key, now, schedule });
    if (due) throw new SignInThrottled(Math.max(1, Math.ceil((due.getTime() - now.getTime()) / 1000)));
  }
}

/**
 * A right password: the account's count starts afresh; the address only gets this attempt
 * back (its history stays, and its next attempt keeps its time, so a guesser cannot reset
 * the address's wait by signing in to an account of its own in between).
 */
export async function recordSuccess(keys: ThrottleKeys): Promise<void> {
  await clearLoginFailures({ key: keys.account });
  if (keys.address) await uncountLoginAttempt({ key: keys.address });
}
