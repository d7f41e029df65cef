// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas that
// validate requests, so the document cannot drift from what the handlers accept.
import { z } from "zod";
import type { ApiScope } from "@/db/schema";
import * as s from "./schemas";

type Operation = {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  /** null: not an API-key operation; it has its own `security` (the inbound-mail webhook). */
  scope: ApiScope | null;
  summary: string;
  /** Longer notes for the reader, when the summary is not enough. */
  description?: string;
  body?: z.ZodType;
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

export const OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/predictions",
    scope: "predict",
    summary: "Score 1–100 texts (per-input results and errors); storing them as tasks (persist, the default) also needs tasks:write",
    description:
      "Each input is checked and scored on its own, so one bad text does not fail the others. The status says how the call went as a whole: 200 when every input was scored; 207 when some were not (succeeded and failed count them, and each failed result has ok: false and its error); 422 when none was, with each input's error in details (path inputs.N) — nothing is stored then. Stored inputs (persist, the default) need a category, per input or at the top level.",
    body: s.predictionsRequest,
    response: s.predictionsResponse,
    success: [200, 207],
    errors: [],
  },
  { method: "get", path: "/tasks", scope: "tasks:read", summary: "List tasks with filters and cursor pagination", query: s.taskListQuery, response: s.taskListResponse, success: [200], errors: [422] },
  { method: "post", path: "/tasks", scope: "tasks:write", summary: "Create a customer request (idempotent on external_id: 201 new, 200 existing)", body: s.createTaskRequest, response: s.createTaskResponse, success: [201, 200], errors: [] },
  { method: "get", path: "/tasks/{id}", scope: "tasks:read", summary: "One task with its prediction, explanation, conversation (messages), sentiment trend and reviews", response: s.taskDetailResponse, success: [200], errors: [404] },
  {
    method: "post",
    path: "/tasks/{id}/messages",
    scope: "tasks:write",
    summary: "Add a message to a task's conversation: a customer's follow-up (scored) or an agent's reply (e-mailed unless internal)",
    description:
      "A customer message is scored like a new request and becomes the task's current sentiment (the trend compares it with the opening message); a replied or closed task opens again. An agent message is e-mailed to the customer through the outbox, threaded and with the task's reference in the subject, and sets the status to replied (the first response); internal: true keeps it in the portal. 422 when the customer has no e-mail address; 503 when e-mail is not set up (SMTP_HOST).",
    body: s.taskMessageRequest,
    response: s.taskMessageResponse,
    success: [201],
    errors: [404],
  },
  {
    method: "post",
    path: "/inbound-email",
    scope: null,
    summary: "Inbound e-mail webhook: a customer's e-mail threads into its conversation or opens a task; automatic mail is ignored",
    description:
      "For a mail provider's inbound webhook (or a relay in front of one), authenticated by the X-Inbound-Secret header holding INBOUND_EMAIL_SECRET — not an API key. A message answering one of ours (in_reply_to / references), or naming a task's reference (REQ-003001) in its subject from that task's customer, is added to the conversation and scored; anything else opens a task (INBOUND_EMAIL_CATEGORY). Quoted earlier messages are dropped. Auto-replies (Auto-Submitted other than no, Precedence bulk/junk/list, X-Autoreply), bounces (mailer-daemon, postmaster, empty Return-Path) and our own From address are answered 200 ignored; a message_id received before is answered 200 duplicate, so retries are safe. 503 while INBOUND_EMAIL_SECRET is not set.",
    body: s.inboundEmailRequest,
    response: s.inboundEmailResponse,
    success: [201, 200],
    errors: [],
  },
  { method: "patch", path: "/tasks/{id}", scope: "tasks:write", summary: "Change a task's owner, priority or status (audited; priority and assigning others need a supervisor or an API key)", body: s.taskPatchRequest, response: s.taskPatchResponse, success: [200], errors: [404, 409] },
  { method: "post", path: "/tasks/{id}/review", scope: "review", summary: "Confirm or correct a task's sentiment", body: s.reviewRequest, response: s.reviewResponse, success: [201], errors: [404] },
  { method: "get", path: "/trends/categories", scope: "trends:read", summary: "Sentiment shares and net score by category, change against the previous period (query: from, to, granularity, category)", response: s.categoryTrendsResponse, success: [200], errors: [422] },
  { method: "get", path: "/accounts/at-risk", scope: "trends:read", summary: "Accounts with a series of negative feedback (query: rule=consecutive&n=3, or rule=window&k=4&days=14; sort, page)", response: s.atRiskResponse, success: [200], errors: [422] },
  { method: "get", path: "/escalation-rules", scope: "rules", summary: "Escalation rules", response: s.escalationRulesResponse, success: [200], errors: [] },
  { method: "post", path: "/escalation-rules", scope: "rules", summary: "Create an escalation rule (checked whole: nothing is saved when any part is wrong)", body: s.escalationRuleRequest, response: s.escalationRuleResponse, success: [201], errors: [] },
  { method: "post", path: "/escalation-rules/dry-run", scope: "rules", summary: "Try a rule on the last 30 days of requests without saving it", body: s.escalationRuleRequest, response: s.dryRunResponse, success: [200], errors: [] },
  { method: "patch", path: "/escalation-rules/{id}", scope: "rules", summary: "Change a rule or switch it off (active: false); the result is checked whole", body: s.escalationRulePatch, response: s.escalationRuleResponse, success: [200], errors: [404] },
  { method: "delete", path: "/escalation-rules/{id}", scope: "rules", summary: "Delete a rule (its firings stay on the tasks' timelines)", response: s.deletedResponse, success: [200], errors: [404] },
  { method: "get", path: "/models", scope: "train", summary: "Sentiment model versions", response: s.modelsResponse, success: [200], errors: [] },
  { method: "get", path: "/models/{id}", scope: "train", summary: "One model version with metrics", response: s.modelResponse, success: [200], errors: [404] },
  { method: "post", path: "/models/{id}/promote", scope: "train", summary: "Make a trained version the active model (promotion or roll-back)", response: s.modelResponse, success: [200], errors: [404, 409] },
  { method: "post", path: "/training-runs", scope: "train", summary: "Queue a training run", body: s.trainingRunRequest, response: s.trainingRunResponse, success: [202], errors: [] },
  { method: "get", path: "/training-runs/{id}", scope: "train", summary: "A training run's status, progress and metrics", response: s.trainingRunResponse, success: [200], errors: [404] },
];

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest; // OpenAPI 3.1 already uses the 2020-12 dialect
}

export function openApiDocument(serverUrl = "/api/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
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
