// Runs before every page (and the CSV downloads and /api/auth): the sign-in gate and the
// per-request security headers.
// - Sign-in gate, first line of defence only: anonymous visitors go to /login and
//   obviously wrong roles get 403 without rendering. Every page, action and handler checks again.
// - A Content-Security-Policy with a fresh nonce. It is also put on the request, where
//   Next.js finds it and stamps the nonce on its own scripts while rendering.
// - HSTS when the visitor came over https, and an X-Request-Id that the page, its server
//   actions and the logs share.
import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { authConfig, proxyAuthorized } from "@/lib/auth/config";
import { currentRole } from "@/lib/auth/current-role";
import { requestIdFrom } from "@/lib/platform/request-id";
import { isServedOverHttps, newNonce, pageContentSecurityPolicy, signInProviderOrigins, STRICT_TRANSPORT_SECURITY } from "@/lib/platform/security-headers";

const { auth } = NextAuth({ ...authConfig, callbacks: { ...authConfig.callbacks, authorized: proxyAuthorized(currentRole) } });
const signInGate = auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;
const formActionOrigins = signInProviderOrigins();

export default async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const https = isServedOverHttps(request.nextUrl, request.headers);
  const policy = pageContentSecurityPolicy({ nonce: newNonce(), https, formActionOrigins, development: process.env.NODE_ENV === "development" });
  const requestId = requestIdFrom(request.headers);

  const response = await signInGate(request, event);
  // The gate lets the request through with a plain NextResponse.next(); the rendering
  // must see the policy and the request id, so the request-header overrides that
  // NextResponse.next({ request }) would carry are added to the gate's answer.
  if (response.headers.get("x-middleware-next")) {
    const forwarded = new Headers(request.headers);
    forwarded.set("content-security-policy", policy);
    forwarded.set("x-request-id", requestId);
    NextResponse.next({ request: { headers: forwarded } }).headers.forEach((value, key) => {
      if (key.startsWith("x-middleware-request-") || key === "x-middleware-override-headers") response.headers.set(key, value);
    });
  }
  dropSessionRenewal(response.headers);
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Request-Id", requestId);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?=/;

/**
 * next-auth's gate re-issues the session cookie on every request it sees (a rolling
 * expiry). A prefetch still in flight when someone signs out then comes back with the old
 * session renewed, and the browser stores it: sign-out would not stick. Sessions are
 * therefore issued only by sign-in and last the session maxAge from it (12 h, lib/auth/config.ts).
 */
function dropSessionRenewal(headers: Headers): void {
  const cookies = headers.getSetCookie();
  if (!cookies.some((c) => SESSION_COOKIE.test(c))) return;
  headers.delete("set-cookie");
  for (const cookie of cookies) if (!SESSION_COOKIE.test(cookie)) headers.append("set-cookie", cookie);
}

// The API authenticates every call itself and the health checks are public, so neither
// pays for the proxy (their fixed headers come from next.config.js).
export const config = {
  matcher: ["/((?!api/v1/|api/v1$|api/health|api/ready|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|webp)$).*)"],
};
