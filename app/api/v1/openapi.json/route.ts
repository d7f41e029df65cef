import { otherMethods } from "@/lib/api/route";
import { openApiDocument } from "@/lib/api/openapi";
import { OPERATIONS } from "../operations";

// Public, like any API reference: it describes the routes, not data.
export function GET() {
  return Response.json(openApiDocument(OPERATIONS));
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
