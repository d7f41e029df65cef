import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * Every in-app link. Next.js prefetches each <Link> as it scrolls into view; here that buys
 * nothing and costs much. Every page is rendered per request for the signed-in person, and
 * there is no loading.tsx, so a prefetch only fetches the layout — the session lookup and all.
 * A click still waits for the page from the server. A portal page shows 10–60 links
 * (the tabs, a table's rows, filter shortcuts), so the server rendered that many layouts just
 * as the reader clicked: right after sign-in, a dozen to twenty (aborted and re-issued on each
 * navigation). They ran on the same cores as the page the reader asked for
 * (BENCHMARKS.md, "First visits after sign-in"). Without prefetching, a click makes one request.
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
