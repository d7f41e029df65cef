"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { credentialsSchema } from "@/lib/auth/credentials";
import type { ActionState } from "@/lib/actions";

// The same message for an unknown e-mail, a wrong password and a deactivated
// account, so the form never tells an attacker which accounts exist.
const GENERIC_FAILURE = "Wrong e-mail or password.";

export async function signInAction(_previous: ActionState | undefined, formData: FormData): Promise<ActionState> {
  const parsed = credentialsSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { error: "Enter your e-mail address and password." };
  const callbackUrl = String(formData.get("callbackUrl") ?? "/");
  // Only same-site paths: an open redirect would let a phishing link bounce through us.
  const redirectTo = callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  try {
    await signIn("credentials", { ...parsed.data, redirectTo });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) return { error: GENERIC_FAILURE };
    throw error; // the redirect after a successful sign-in
  }
}
