// A session cookie rides along on cross-site requests: a browser call that changes
// something must come from this site's own pages (its Origin names this host).
import { AppError } from "@/lib/platform/errors";

export function requireSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (originHost !== host) throw new AppError("forbidden:origin", "Browser requests that change data must come from this site.");
}
