// next-auth (@auth/core's assertConfig) treats a callbackUrl query parameter or callback-url
// cookie that is not an http(s) URL as a server misconfiguration: an /api/auth request
// carrying one (`?callbackUrl=x`, `?callbackUrl=%25`) was answered 500 "There was a problem
// with the server configuration" and logged as an error. It is the client's mistake, so the
// route answers it with a 400 before next-auth sees it. The rule is next-auth's own.
// The pages a browser opens by GET (sign-in, sign-out, error, verify-request) are left to
// next-auth, which sends them to the login page's error message instead of a 500: a person
// who followed a bad link is better served by that page than by a JSON error.
import { AppError } from "@/lib/platform/errors";

const CALLBACK_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

function isHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValues(header: string | null, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      out.push(decodeURIComponent(raw));
    } catch {
      out.push(raw);
    }
  }
  return out;
}

const BROWSER_PAGES = new Set(["signin", "signout", "error", "verify-request"]);

/** A 400 for a request next-auth would answer with a 500 because of its callback URL, or null. */
export function badCallbackUrl(request: Request): Response | null {
  const url = new URL(request.url);
  // /api/auth/<action>[/<provider>]
  if (request.method === "GET" && BROWSER_PAGES.has(url.pathname.split("/")[3] ?? "")) return null;
  for (const param of url.searchParams.getAll("callbackUrl")) {
    if (param && !isHttpUrl(param, url.origin)) {
      return new AppError("bad_request:callback_url", "callbackUrl must be a path on this site or an http(s) URL.").toResponse();
    }
  }
  const cookie = request.headers.get("cookie");
  for (const name of CALLBACK_COOKIES) {
    for (const value of cookieValues(cookie, name)) {
      if (value && !isHttpUrl(value, url.origin)) {
        return new AppError("bad_request:callback_url", `The ${name} cookie is not a URL; clear it and sign in again.`).toResponse();
      }
    }
  }
  return null;
}
