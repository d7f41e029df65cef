// Checks an answer against /api/v1/openapi.json: its status must be one the document lists
// for the operation, and its body must validate against that status's JSON Schema
// (draft 2020-12, as OpenAPI 3.1 uses it).
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { OPERATIONS } from "@/app/api/v1/operations";
import { openApiDocument } from "@/lib/api/openapi";

type Doc = ReturnType<typeof openApiDocument>;
type Operation = { responses: Record<string, { content?: { "application/json"?: { schema: Record<string, unknown> } } }> };

export function documentChecker(doc: Doc = openApiDocument(OPERATIONS)) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: "openapi", components: doc.components }, "openapi");
  const compiled = new Map<string, ValidateFunction>();

  /** Problems with one answer of `METHOD /template` (e.g. "GET /tasks/{id}"); empty when it matches. */
  return function check(operation: string, status: number, body: unknown): string[] {
    const [method, path] = operation.split(" ");
    const op = (doc.paths as Record<string, Record<string, Operation>>)[path]?.[method.toLowerCase()];
    if (!op) return [`${operation} is not in the document`];
    const documented = op.responses[String(status)];
    if (!documented) return [`${operation} answered ${status}, which the document does not list (${Object.keys(op.responses).join(", ")})`];
    const schema = documented.content?.["application/json"]?.schema;
    if (!schema) return [];
    const key = `${operation} ${status}`;
    let validate = compiled.get(key);
    if (!validate) {
      // "#/components/..." references resolve against the document's components.
      validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')));
      compiled.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || "(body)"} ${e.message} ${JSON.stringify(e.params)}`);
  };
}
