import Link from "@/components/link";
import { PortalNav } from "@/components/portal-nav";
import { pagesFor } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/session";
import { signOutAction } from "./actions";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageRole("/");
  const pages = pagesFor(user.role).map(({ href, label }) => ({ href, label }));
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 pt-3">
          <Link href="/" className="text-base font-semibold text-slate-900">Customer Sentiment Analyzer</Link>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-700" data-testid="current-user">
              {user.name} <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{user.role}</span>
            </span>
            <form action={signOutAction}>
              <button type="submit" className="btn-secondary py-1">Sign out</button>
            </form>
          </div>
        </div>
        <div className="mx-auto max-w-7xl px-4">
          <PortalNav pages={pages} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
