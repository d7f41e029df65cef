import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  let path = "/";
  try {
    // next-auth passes an absolute URL; keep only its path so the redirect stays on this site.
    path = callbackUrl ? new URL(callbackUrl, "http://local").pathname : "/";
  } catch {
    path = "/";
  }
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="card w-full max-w-sm">
        <h1 className="page-title mb-1">Sign in</h1>
        <p className="mb-6 text-sm text-slate-600">Customer Sentiment Analyzer — staff portal</p>
        <LoginForm callbackUrl={path} />
        <p className="mt-6 text-sm text-slate-600">
          A customer? <a className="text-blue-700 underline" href="/feedback">Send us your feedback</a>.
        </p>
      </div>
    </main>
  );
}
