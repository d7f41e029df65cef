// Readiness: 200 when the database, the emotion server and a worker answer, 503 naming the
// check that failed. Public and cheap (three tiny probes), for load balancers and monitors.
import { readiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await readiness();
  return Response.json(result, { status: result.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
