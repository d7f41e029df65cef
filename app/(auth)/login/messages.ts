// What the login page says after a refused sign-in (?error=…). SSO refusals come from
// lib/auth/sso-sign-in; the rest are next-auth's error codes.
import { throttledWaitSeconds, throttleMessage } from "@/lib/auth/throttle-message";

const MESSAGES: Record<string, string> = {
  sso_pending: "Your account was requested and is waiting for an administrator's approval. Try again once you have been told it is active.",
  sso_unknown: "There is no account for this e-mail address. Ask an administrator to add you.",
  sso_deactivated: "This account is deactivated. Ask an administrator if you need access again.",
  sso_unverified_email: "Your identity provider did not confirm your e-mail address, so it cannot be matched to an account.",
  sso_wrong_domain: "Sign in with your company account.",
  sso_invalid_token: "Single sign-on failed: the identity provider's answer could not be verified. Try again.",
  // A password post that reached next-auth directly instead of through the form's action.
  CredentialsSignin: "Wrong e-mail or password.",
};

export function signInErrorMessage(code: string | undefined, detail?: string): string | null {
  if (!code) return null;
  // A password post refused as too soon (next-auth's ?code=throttled_<seconds>).
  const wait = code === "CredentialsSignin" ? throttledWaitSeconds({ code: detail }) : null;
  if (wait !== null) return throttleMessage(wait);
  // Anything else (the provider was unreachable, the user cancelled, an expired answer):
  // one calm message; the server log has the details.
  // Own keys only: ?error=constructor (or __proto__, toString) must not find Object's.
  return (typeof code === "string" && Object.hasOwn(MESSAGES, code) ? MESSAGES[code] : null) ?? "Single sign-on did not complete. Try again, or ask an administrator.";
}
