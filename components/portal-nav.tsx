"use client";

import Link from "@/components/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

export function PortalNav({ pages }: { pages: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  // On a narrow screen the tabs scroll sideways: bring the current one into view, or a
  // phone shows the first few tabs and cuts off the one the reader is on.
  useEffect(() => {
    const list = nav.current;
    const current = list?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!list || !current) return;
    const left = current.offsetLeft - list.offsetLeft;
    if (left < list.scrollLeft || left + current.offsetWidth > list.scrollLeft + list.clientWidth) {
      list.scrollLeft = left - (list.clientWidth - current.offsetWidth) / 2;
    }
  }, [pathname]);
  return (
    <nav ref={nav} aria-label="Main" className="-mb-px flex gap-1 overflow-x-auto">
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
