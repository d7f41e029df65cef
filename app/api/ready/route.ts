// Readiness: 200 when the database and the emotion server answer, 503 naming the check
// that failed. Public and cheap (two tiny probes), for load balancers and monitors.
import { readiness } from "@/lib/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await readiness();
  return Response.json(result, { status: result.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
