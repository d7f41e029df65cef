// How a sign-in refused as too soon (./throttle.ts) reaches the login page: next-auth puts
// the refusal's code in the page's URL (?error=CredentialsSignin&code=throttled_<seconds>)
// or hands it to the form's action. Nothing in it tells whether the account exists.
const PATTERN = /^throttled_(\d{1,4})$/;

export function throttleCode(waitSeconds: number): string {
  return `throttled_${waitSeconds}`;
}

/** The wait a refused sign-in carries (its code), or null for any other refusal. */
export function throttledWaitSeconds(error: unknown): number | null {
  const code = (error as { code?: unknown } | null)?.code;
  const match = typeof code === "string" ? PATTERN.exec(code) : null;
  return match ? Number(match[1]) : null;
}

export function throttleMessage(waitSeconds: number): string {
  return `Too many sign-in attempts. Wait ${waitSeconds} second${waitSeconds === 1 ? "" : "s"} and try again.`;
}
