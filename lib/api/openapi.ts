// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas that
// validate requests, so the document cannot drift from what the handlers accept.
import { z } from "zod";
import type { ApiScope } from "@/db/schema";
import * as s from "./schemas";

// Each route declares its own operation (app/api/v1/**/route.ts: apiRoute(operation, handler)),
// which gives apiRoute its scope and body schema; app/api/v1/operations.ts lists them.
export type Operation<B extends z.ZodType | undefined = z.ZodType | undefined> = {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  /** null: not an API-key operation; it has its own `security` (the inbound-mail webhook). */
  scope: ApiScope | null;
  summary: string;
  /** Longer notes for the reader, when the summary is not enough. */
  description?: string;
  body?: B;
  query?: z.ZodObject;
  response: z.ZodType;
  /** The success statuses; the first is the usual one. */
  success: number[];
  /** Error statuses of this operation beyond EVERY_OPERATION's (and WITH_A_BODY's, when it takes one). */
  errors: number[];
};

// Every operation can answer these; one with a body also the body's refusals.
const EVERY_OPERATION = [401, 403, 429, 500, 503];
const WITH_A_BODY = [400, 413, 415, 422];
// Every POST takes an Idempotency-Key (lib/api/idempotency.ts): a malformed one, one still
// in progress, one reused for another request.
const POST_WITH_A_KEY = [400, 409, 422];

const IDEMPOTENCY_KEY_PARAMETER = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Makes a retry safe: the first request with a key is carried out and its successful answer is kept for 24 hours; the same request again (same method, path and body) with the same key gets that answer back, with the header Idempotent-Replayed: true, and writes nothing. The same key with a different request: 422 validation:idempotency_key_reused. While the first is still being answered: 409 conflict:idempotency_key_in_progress. A refused or failed request keeps nothing, so it can be retried with its key. Keys are per API key (or signed-in user). 1–255 visible ASCII characters; a UUID is a good choice.",
  schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" },
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest; // OpenAPI 3.1 already uses the 2020-12 dialect
}

export function openApiDocument(operations: readonly Operation[], serverUrl = "/api/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters: unknown[] = [];
    if (op.path.includes("{id}")) parameters.push({ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } });
    if (op.method === "post") parameters.push(IDEMPOTENCY_KEY_PARAMETER);
    if (op.query) {
      for (const [name, field] of Object.entries(op.query.shape)) {
        parameters.push({ name, in: "query", required: false, schema: jsonSchema(field as z.ZodType, "input") });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const status of op.success) {
      responses[status] = { description: SUCCESS_TEXT[status] ?? "Success", content: { "application/json": { schema: jsonSchema(op.response, "output") } } };
    }
    const errors = [...new Set([...EVERY_OPERATION, ...(op.body ? WITH_A_BODY : []), ...(op.method === "post" ? POST_WITH_A_KEY : []), ...op.errors])].sort((a, b) => a - b);
    for (const status of errors) {
      responses[status] = { description: ERROR_TEXT[status] ?? "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    }
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.scope ? { security: [{ apiKey: [op.scope] }, { session: [] }], "x-required-scope": op.scope } : { security: [{ inboundSecret: [] }] }),
      parameters,
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Customer Sentiment Analyzer API",
      version: "1.0.0",
      description:
        "Sentiment and emotion scoring, tasks, reviews and model versions. Every response carries an x-request-id header. Every POST accepts an Idempotency-Key header, so a client may retry it safely. Field names are snake_case, dates ISO 8601. Errors, including 404 for a path no route serves and 405 (with Allow) for a method a route does not serve, have the Error shape.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key created by an admin on the Users page: csa_<prefix>_<secret>" },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "A signed-in browser session, within its role" },
        inboundSecret: { type: "apiKey", in: "header", name: "X-Inbound-Secret", description: "The inbound-mail webhook's own secret (INBOUND_EMAIL_SECRET)" },
      },
      schemas: { Error: jsonSchema(s.errorBody, "output") },
    },
    paths,
  };
}

const SUCCESS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted: queued, poll its status",
  207: "Some inputs were scored and some were not: see failed, and the error of each result with ok: false",
};

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed JSON, body encoding or Idempotency-Key",
  401: "Missing, malformed, unknown or revoked API key",
  403: "The key or role lacks the required scope",
  404: "Not found",
  409: "Conflict (e.g. the model version has not finished training, or a request with this Idempotency-Key is still being answered)",
  413: "Body larger than 1 MB",
  415: "Body is not application/json",
  422: "Validation failed; details lists each field path (or the Idempotency-Key was used for another request)",
  429: "Rate limit exceeded; see Retry-After",
  500: "Internal error: the message quotes the request id to report; no details are given",
  503: "The database is busy or did not answer in time; retry after Retry-After",
};
