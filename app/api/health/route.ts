// Liveness: the process answers. Readiness (database, emotion server) is /api/ready.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok", time: new Date().toISOString() });
}
