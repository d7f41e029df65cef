// The origin next-auth's route handler should see. Next.js gives route handlers a URL
// built from its own listening address (and spells 127.0.0.1 as "localhost"), while a
// sign-in started from a server action takes the origin from the Host / X-Forwarded-*
// headers (trustHost). A single sign-on needs both to agree: the redirect_uri of the
// authorization request and of the code exchange must be identical, or the provider
// refuses the code. AUTH_URL, when set, is applied by next-auth itself and wins.

/** The request with the origin its headers name; a plain Request, since NextRequest would rename loopback hosts again. */
export function withRequestOrigin<R extends Request>(request: R, env: Record<string, string | undefined> = process.env): R {
  if (env.AUTH_URL || env.NEXTAUTH_URL) return request;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  if (!host) return request;
  const current = new URL(request.url);
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || current.protocol.replace(/:$/, "");
  let origin: string;
  try {
    origin = new URL(`${proto}://${host}`).origin;
  } catch {
    return request; // a malformed Host header: leave the request as Next.js built it
  }
  if (origin === current.origin) return request;
  // next-auth reads only url, method, headers and body (nextUrl only with AUTH_URL, handled above).
  return new Request(`${origin}${current.pathname}${current.search}`, request) as R;
}
