import { openApiDocument } from "@/lib/api/openapi";

// Public, like any API reference: it describes the routes, not data.
export function GET() {
  return Response.json(openApiDocument());
}
