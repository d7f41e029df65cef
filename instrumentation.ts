// Runs once when a Next.js server starts: applies pending migrations so `next start`
// on its own (a second instance, a container) never serves an old schema.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { migrate } = await import("@/lib/bootstrap");
  await migrate();
}
