import { defineConfig } from "vitest/config";
import path from "node:path";

// Vitest runs tests/unit and tests/integration; Playwright owns tests/e2e.
// vitest.reliability.config.ts runs tests/reliability with the same resolution.

export const resolve = {
  alias: [
    { find: "@", replacement: import.meta.dirname },
    { find: "server-only", replacement: path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts") },
  ],
};

// next-auth imports "next/server" without an extension, which Node's ESM resolver
// refuses; letting Vite process it resolves the import as Next.js itself does.
export const server = { deps: { inline: ["next-auth", "@auth/core"] } };

export default defineConfig({
  resolve,
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    server,
  },
});
