// Where to go after signing in: only a path on this site, so a crafted link cannot
// bounce a freshly signed-in user to another site (open redirect). next-auth passes an
// absolute URL; its path (and query) is kept, never its host.
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value) return "/";
  try {
    const url = new URL(value, "http://local");
    const path = `${url.pathname}${url.search}`;
    return path.startsWith("/") && !path.startsWith("//") ? path : "/";
  } catch {
    return "/";
  }
}
