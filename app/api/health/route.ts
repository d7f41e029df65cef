// Liveness: the process answers (no database or emotion-server check; /api/ready does those).
// A liveness probe that checked dependencies would restart healthy instances whenever
// the database blinked.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok", time: new Date().toISOString() }, { headers: { "cache-control": "no-store" } });
}
