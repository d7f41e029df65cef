// Security headers that are the same on every response, static files and API answers
// included. The pages' Content-Security-Policy needs a fresh nonce per request and HSTS
// depends on how the visitor arrived, so proxy.ts sets those.
const EVERY_RESPONSE = [
  // Old browsers' frame-ancestors 'none'.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Other sites learn only the origin, never a task id or a search in the path.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

// JSON answers are never documents to run: nothing may load from them, nobody may frame
// them. (The same string as NON_DOCUMENT_CONTENT_SECURITY_POLICY in lib/platform/security-headers.ts;
// this file is plain JavaScript and cannot import TypeScript.)
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
const API_ROUTES_WITHOUT_PROXY = ["/api/v1/:path*", "/api/health", "/api/ready"];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WASM packages are loaded by Node at run time rather than bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "ml-xgboost"],
  poweredByHeader: false,
  // Lets two builds (e.g. parallel browser-test runs) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  experimental: { authInterrupts: true },
  // The app has no optimised images; with no allowed local path the image optimiser refuses
  // every ?url= with a 400 instead of fetching a path of this server (/_next/image?url=/data/app.db
  // answered 500).
  images: { localPatterns: [] },
  async headers() {
    return [
      { source: "/:path*", headers: EVERY_RESPONSE },
      // These skip the proxy (the API authenticates each call itself), so their policy is set
      // here; every other response gets the pages' policy from proxy.ts.
      ...API_ROUTES_WITHOUT_PROXY.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] })),
    ];
  },
};

export default nextConfig;
