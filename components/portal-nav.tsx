"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function PortalNav({ pages }: { pages: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="-mb-px flex gap-1 overflow-x-auto">
      {pages.map((page) => {
        const current = page.href === "/" ? pathname === "/" : pathname === page.href || pathname.startsWith(page.href + "/");
        return (
          <Link
            key={page.href}
            href={page.href}
            aria-current={current ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-3 text-sm font-medium ${
              current ? "border-blue-700 text-blue-800" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900"
            }`}
          >
            {page.label}
          </Link>
        );
      })}
    </nav>
  );
}
