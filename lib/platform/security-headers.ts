// The security headers proxy.ts sets per request: the pages' Content-Security-Policy (with a
// fresh nonce), and HSTS when served over https. Headers that never vary
// (X-Frame-Options, nosniff, Referrer-Policy, Permissions-Policy) are in next.config.js.
//
// Scripts: only those carrying this response's nonce ('strict-dynamic' lets them load the
// chunks they import). Next.js reads the nonce from the request's CSP header and puts it
// on its own framework and hydration scripts, so an injected <script> or inline event
// handler never runs — this is the policy's point, and why pages render per request.
// Styles: 'unsafe-inline', because React renders style attributes (Tremor's charts and
// bars set widths and colours inline) and nonces cannot cover attributes. Injected CSS
// can restyle a page but not run code, and connect-src/img-src keep it from sending
// anything off the site.
// Frames: none, in either direction (frame-ancestors is the modern X-Frame-Options).

export type PagePolicyOptions = {
  nonce: string;
  /** next dev: React needs eval for its error overlay, and the dev server talks over a websocket. */
  development?: boolean;
  /** Served over https: tell the browser to fetch any stray http:// resource over https. */
  https?: boolean;
  /** Sign-in providers' origins: a sign-in form posted before the page hydrated is redirected there. */
  formActionOrigins?: string[];
};

export function pageContentSecurityPolicy({ nonce, development = false, https = false, formActionOrigins = [] }: PagePolicyOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(development ? ["ws:", "wss:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...formActionOrigins],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
  };
  const parts = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (https) parts.push("upgrade-insecure-requests");
  return parts.join("; ");
}

/**
 * Where a sign-in form may lead: the single sign-on providers configured in the
 * environment (see lib/auth). Chrome applies form-action to the redirects after a form
 * post too, so a "Continue with …" form posted before hydration needs the provider's origin.
 */
export function signInProviderOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const origins = new Set<string>();
  const add = (url: string | undefined) => {
    if (!url) return;
    try {
      const { origin, protocol } = new URL(url);
      if (protocol === "https:" || protocol === "http:") origins.add(origin);
    } catch {
      // An invalid issuer is reported by the auth configuration, not here.
    }
  };
  add(env.AUTH_OIDC_ISSUER);
  if (env.AUTH_GOOGLE_ID) add("https://accounts.google.com");
  if (env.AUTH_MICROSOFT_ENTRA_ID_ID) add(env.AUTH_MICROSOFT_ENTRA_ID_ISSUER || "https://login.microsoftonline.com");
  return [...origins];
}

/** The API's policy, set in next.config.js (plain JavaScript, so the string is repeated there; a test keeps them equal). */
export const NON_DOCUMENT_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** 128 random bits, base64: unguessable, and fresh for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

/** Browsers honour it only over https; two years, the preload lists' minimum. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * Whether the visitor reached the app over https: directly, through a TLS-terminating
 * proxy that says so in X-Forwarded-Proto (the same signal next-auth uses with
 * AUTH_TRUST_HOST), or because AUTH_URL, the public address, is https.
 */
export function isServedOverHttps(url: URL, headers: Headers, publicUrl: string | undefined = process.env.AUTH_URL): boolean {
  if (url.protocol === "https:") return true;
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return publicUrl?.startsWith("https://") ?? false;
}
