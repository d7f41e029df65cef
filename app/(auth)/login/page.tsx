import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { currentUser } from "@/lib/auth/session";
import { passwordLoginEnabled, ssoProviders } from "@/lib/auth/sso-providers";
import { ssoSignInAction } from "./actions";
import { signInErrorMessage } from "./messages";
import { safeCallbackPath } from "./safe-path";
import { Alert } from "@/components/action-outcome";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; code?: string }> }) {
  if (await currentUser()) redirect("/");
  const { callbackUrl, error, code } = await searchParams;
  const path = safeCallbackPath(callbackUrl);
  // Only the methods this installation has configured.
  const providers = ssoProviders();
  const password = passwordLoginEnabled();
  const message = signInErrorMessage(error, code);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="card w-full max-w-sm">
        <h1 className="page-title mb-1">Sign in</h1>
        <p className="mb-6 text-sm text-slate-600">Customer Sentiment Analyzer — staff portal</p>
        {message ? (
          <Alert testId="sign-in-error" className="mb-4">{message}</Alert>
        ) : null}
        {providers.length > 0 ? (
          <div className="space-y-2">
            {providers.map((p) => (
              <form key={p.id} action={ssoSignInAction}>
                <input type="hidden" name="provider" value={p.id} />
                <input type="hidden" name="callbackUrl" value={path} />
                {/* "Continue with", not "Sign in with": the password form's button is "Sign in". */}
                <button type="submit" className="btn-secondary w-full">Continue with {p.name}</button>
              </form>
            ))}
          </div>
        ) : null}
        {providers.length > 0 && password ? (
          <p className="my-4 text-center text-xs uppercase tracking-wide text-slate-500">or with your password</p>
        ) : null}
        {password ? <LoginForm callbackUrl={path} /> : null}
        <p className="mt-6 text-sm text-slate-600">
          A customer? <a className="text-blue-700 underline" href="/feedback">Send us your feedback</a>.
        </p>
      </div>
    </main>
  );
}
