"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { credentialsSchema } from "@/lib/auth/credentials";
import { passwordLoginEnabled, ssoProviders } from "@/lib/auth/sso-providers";
import { throttledWaitSeconds, throttleMessage } from "@/lib/auth/throttle-message";
import type { ActionState } from "@/lib/platform/server-action";
import { safeCallbackPath } from "./safe-path";

// The same message for an unknown e-mail, a wrong password and a deactivated
// account, so the form never tells an attacker which accounts exist.
const GENERIC_FAILURE = "Wrong e-mail or password.";

export async function signInAction(_previous: ActionState | undefined, formData: FormData): Promise<ActionState> {
  if (!passwordLoginEnabled()) return { error: "Password sign-in is switched off here. Use single sign-on." };
  const parsed = credentialsSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { error: "Enter your e-mail address and password." };
  const redirectTo = safeCallbackPath(formData.get("callbackUrl"));
  try {
    await signIn("credentials", { ...parsed.data, redirectTo });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) {
      // Too soon after several failures: say how long to wait (the same for any account).
      const wait = throttledWaitSeconds(error);
      return { error: wait === null ? GENERIC_FAILURE : throttleMessage(wait) };
    }
    throw error; // the redirect after a successful sign-in
  }
}

/** Starts a single sign-on: redirects the browser to the chosen identity provider. */
export async function ssoSignInAction(formData: FormData): Promise<void> {
  const provider = ssoProviders().find((p) => p.id === formData.get("provider"));
  if (!provider) throw new Error("This sign-in method is not configured.");
  await signIn(provider.id, { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}
