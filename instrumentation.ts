// Runs once when a Next.js server starts: validates the environment (a wrong setting
// stops the server with a message naming it, instead of failing every request) and
// applies pending migrations, so `next start` on its own (a second instance, a
// container) never serves an old schema.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/platform/env");
  env();
  const { migrate } = await import("@/lib/ops/bootstrap");
  await migrate();
}
