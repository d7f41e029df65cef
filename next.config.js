/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WASM packages are loaded by Node at run time rather than bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "ml-xgboost"],
  poweredByHeader: false,
  // Lets two builds (e.g. parallel browser-test runs) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  experimental: { authInterrupts: true },
};

export default nextConfig;
