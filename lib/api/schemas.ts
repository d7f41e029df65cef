// Request and response schemas of the REST API. The same zod schemas validate requests
// and generate the OpenAPI document (lib/api/openapi.ts), where they are inlined.
import { z } from "zod";
import { CHANNELS, MESSAGE_AUTHORS, MODEL_STATUSES, PRIORITIES, SENTIMENTS, TASK_STATUSES } from "@/db/schema";
import { SENTIMENT_TRENDS } from "@/db/conversation-trend";
import { inboundEmailSchema } from "@/lib/conversations/inbound";
import { ruleInputSchema } from "@/lib/support/rules";
import { GRANULARITIES } from "@/db/queries/trends";
import { MAX_TEXT_CHARS } from "@/lib/sentiment/analyze";
import { TASK_SORTS } from "@/db/queries/task-list";

export const accountRef = z
  .object({
    name: z.string({ error: "Give the customer's name." }).trim().min(1, "Give the customer's name.").max(120).describe("Customer name"),
    email: z.email("Enter a valid e-mail address.").optional(),
    external_ref: z.string().trim().min(1).max(120).optional().describe("Your system's id for the customer"),
  });

const predictionObject = z.object({
  text: z.unknown().describe(`The text to score, 1–${MAX_TEXT_CHARS} characters`),
  category: z.string().optional(),
  account: accountRef.optional(),
  external_id: z.string().max(120).optional(),
});

// Items are checked one by one in the handler, so one bad text does not fail the others.
// An object that is not a valid item is answered with what is wrong inside it (zod's union
// says only "Invalid input" once the object has more than one problem, or a nested one).
export const predictionItem = z.union([z.string(), predictionObject], {
  error: (issue) => {
    if (issue.code !== "invalid_union" || typeof issue.input !== "object" || issue.input === null || Array.isArray(issue.input)) {
      return "Send a text, or an object with a text.";
    }
    const inside = predictionObject.safeParse(issue.input);
    return inside.success ? undefined : inside.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  },
});

export const predictionsRequest = z
  .object({
    inputs: z.array(predictionItem).min(1, "Send at least one input.").max(100, "Send at most 100 inputs per call."),
    persist: z.boolean().default(true).describe("false: score only; true: store each input as a task (needs a category and the tasks:write scope)"),
    category: z.string().optional().describe("Default category for stored inputs"),
    channel: z.enum(CHANNELS).default("api"),
  });

const scores = z.record(z.string(), z.number());
const sentimentResult = z.object({ label: z.enum(SENTIMENTS), scores, confidence: z.number() });
const emotionResult = z.union([z.object({ label: z.string(), scores }), z.literal("pending")]).describe('"pending": the emotion server has not answered yet; the worker fills it in');
const explanation = z
  .array(z.object({ text: z.string(), start: z.number().int(), end: z.number().int(), label: z.string(), weight: z.number() }))
  .describe('The words that drove the decision, each a word of the text or a negation with its word ("not good"): character offsets into the text, the label it pushes towards, its weight (log-odds). Those for the predicted label come first, strongest first; a strong word against it after them');
const dateTime = z.string().describe("ISO 8601 date and time (UTC)");
const day = z.string().describe("ISO 8601 date, YYYY-MM-DD");
const id = z.number().int();

export const predictionResult = z
  .object({
    index: z.number().int(),
    ok: z.boolean(),
    task_id: id.nullable().optional(),
    sentiment: sentimentResult.optional(),
    explanation: explanation.optional(),
    emotion: emotionResult.optional(),
    model_version: id.optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  });
export const predictionsResponse = z.object({
  succeeded: z.number().int().describe("How many inputs were scored (and stored, with persist)"),
  failed: z.number().int().describe("How many were not: each has ok: false and an error. 0 with status 200; at least 1 with 207"),
  results: z.array(predictionResult),
});

export const createTaskRequest = z
  .object({
    account: accountRef,
    category: z.string().min(1),
    channel: z.enum(CHANNELS).default("api"),
    text: z.string().min(1).max(MAX_TEXT_CHARS),
    external_id: z.string().trim().min(1).max(120).optional().describe("Idempotency key: the same id returns the existing task"),
  });

export const taskSummary = z
  .object({
    id: z.number().int(),
    text: z.string(),
    status: z.enum(TASK_STATUSES),
    channel: z.string(),
    sentiment: z.enum(SENTIMENTS).nullable(),
    confidence: z.number().nullable(),
    emotion: z.string().describe('An emotion label, or "pending" while there is none (GET /tasks/{id} tells "pending" from "failed")'),
    reviewed: z.boolean(),
    flagged: z.boolean(),
    account: z.object({ id: z.number().int(), name: z.string() }),
    category: z.string(),
    created_at: z.string(),
    priority: z.enum(PRIORITIES),
    priority_reasons: z.array(z.string()).describe("Why it has this priority, in words (e.g. \"negative 94%\", \"anger\", \"3rd negative request in a row from this account\")"),
    owner: z.object({ id: z.number().int(), name: z.string() }).nullable().describe("Who works it; null while unassigned"),
    sla_due_at: z.string().nullable().describe("The next SLA deadline of the clocks still running (first response, then resolution); null once closed or both targets are missed, or for tasks made before SLA clocks. Reopening a closed task starts a fresh resolution clock from the reopening"),
    sla_breached_at: z.string().nullable().describe("When it first missed a target (either clock)"),
    sla_first_response_breached_at: z.string().nullable().describe("When it missed its first-response target"),
    sla_resolution_breached_at: z.string().nullable().describe("When it missed its resolution target (the current one, after a reopening)"),
    first_response_at: z.string().nullable().describe("When it was first replied to or closed"),
    tags: z.array(z.string()),
  });

export const taskListQuery = z.object({
  category: z.string().optional().describe("Category id"),
  sentiment: z.enum(SENTIMENTS).optional(),
  emotion: z.string().optional(),
  status: z.enum(TASK_STATUSES).optional(),
  account: z.string().optional().describe("Account id"),
  from: z.string().optional().describe("ISO date, inclusive"),
  to: z.string().optional().describe("ISO date, exclusive"),
  q: z.string().optional().describe("A reference (REQ-003001), the customer's name (any part), e-mail or external reference, the task's external id, or words of the request"),
  trend: z.enum(SENTIMENT_TRENDS).optional().describe("The conversation's trend: the latest customer message's sentiment against the opening one's"),
  priority: z.enum(PRIORITIES).optional(),
  owner: z.string().optional().describe('A user id, or "none" for unassigned tasks'),
  breached: z.enum(["true", "false"]).optional().describe("true: the SLA was breached; false: not (yet)"),
  sort: z.enum(TASK_SORTS).optional().describe('Default "newest"; "priority" is the queue\'s order: priority, then time left'),
  cursor: z.string().optional(),
  limit: z.string().optional().describe("1–200, default 50"),
});

export const taskPatchRequest = z
  .object({
    owner: z.number().int().positive().nullable().optional().describe("A user id, or null to unassign. An agent's session may only take an unassigned task for itself"),
    priority: z.enum([...PRIORITIES, "auto"]).optional().describe('Set by hand (kept when the task is re-scored); "auto" computes it again. Needs a supervisor or an API key'),
    status: z.enum(TASK_STATUSES).optional(),
  })
  .strict()
  .refine((b) => b.owner !== undefined || b.priority !== undefined || b.status !== undefined, "Send at least one of owner, priority, status.");

export const taskPatchResponse = z.object({ task: taskSummary });

export const escalationRuleRequest = ruleInputSchema;
export const escalationRulePatch = z
  .object({
    name: z.string().optional(),
    active: z.boolean().optional().describe("false switches the rule off"),
    conditions: z.record(z.string(), z.unknown()).optional().describe("Replaces all conditions (the shape POST takes)"),
    actions: z.record(z.string(), z.unknown()).optional().describe("Replaces all actions (the shape POST takes)"),
  })
  .strict();
export const escalationRule = z.object({
  id,
  name: z.string(),
  active: z.boolean(),
  conditions: z.record(z.string(), z.unknown()).describe("As sent: sentiments, min_confidence, emotions, priorities, category_ids, channels, account_at_risk, phrases, waiting_minutes"),
  actions: z.record(z.string(), z.unknown()).describe("As sent: set_priority, assign_to, webhook, emails, add_tag"),
  created_at: dateTime,
  updated_at: dateTime,
});
export const escalationRuleResponse = z.object({ rule: escalationRule });
export const escalationRulesResponse = z.object({ rules: z.array(escalationRule) });
export const dryRunResponse = z.object({
  matched: z.number().int().describe("Requests of the last `days` days the rule would have matched"),
  examined: z.number().int(),
  days: z.number().int(),
  sample_task_ids: z.array(id),
});
export const deletedResponse = z.object({ deleted: z.boolean() });

export const reviewRequest = z
  .object({ label: z.enum(SENTIMENTS), note: z.string().max(1000).optional() });

export const trainingRunRequest = z
  .object({
    name: z.string().max(80).optional(),
    algorithm: z.string().default("nb"),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
    train: z.object({
      dataset_ids: z.array(z.number().int()).min(1),
      category_ids: z.array(z.number().int()).optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      include_corrections: z.boolean().default(true),
    }),
    test: z.union([
      z.object({ kind: z.literal("holdout"), percent: z.number().min(5).max(50), seed: z.number().int().optional() }),
      z.object({ kind: z.literal("time"), split_at: z.string() }),
      z.object({ kind: z.literal("dataset"), dataset_ids: z.array(z.number().int()).min(1) }),
    ]),
  });

export const taskListResponse = z.object({ tasks: z.array(taskSummary), next_cursor: z.string().nullable() });

export const createTaskResponse = z.object({
  task: taskSummary,
  created: z.boolean().describe("false: a task with this external_id already existed and is returned as it is"),
  prediction: z.object({ sentiment: sentimentResult.nullable(), emotion: emotionResult, model_version: id.nullable() }),
});

// Conversations (issue 20): a task's messages and their trend.
export const taskMessage = z.object({
  id,
  author: z.enum(MESSAGE_AUTHORS),
  author_name: z.string().nullable().describe("The agent's name; null for the customer"),
  channel: z.enum(CHANNELS),
  text: z.string(),
  internal: z.boolean().describe("An agent's note for colleagues, never e-mailed"),
  sentiment: z.enum(SENTIMENTS).nullable().describe("Customer messages only"),
  confidence: z.number().nullable(),
  emotion: z.string().nullable().describe("Customer messages only; null while pending"),
  email_status: z.enum(["pending", "sent", "failed"]).nullable().describe("An agent's e-mailed reply: queued, sent, or given up after retries"),
  created_at: dateTime,
});

export const sentimentTrendJson = z
  .object({ opening: z.enum(SENTIMENTS).nullable(), latest: z.enum(SENTIMENTS).nullable(), change: z.enum(SENTIMENT_TRENDS) })
  .describe("The opening and latest customer message's sentiment; change is improving, worsening or steady");

export const taskMessageRequest = z
  .object({
    author: z.enum(MESSAGE_AUTHORS).describe("customer: a follow-up, scored, and the task's sentiment becomes its; agent: a reply e-mailed to the customer (unless internal)"),
    text: z.string().min(1).max(MAX_TEXT_CHARS),
    internal: z.boolean().default(false).describe("Agent messages only: a note kept in the portal, never sent"),
  })
  .strict()
  .refine((b) => !(b.author === "customer" && b.internal), { message: "A customer's message cannot be internal.", path: ["internal"] });

export const taskMessageResponse = z.object({ message: taskMessage, sentiment_trend: sentimentTrendJson, emailed: z.boolean() });

export const inboundEmailRequest = inboundEmailSchema;
export const inboundEmailResponse = z.object({
  status: z.enum(["created", "threaded", "duplicate", "ignored"]).describe("created: a new task; threaded: added to a conversation; duplicate: this message_id was received before; ignored: automatic mail (see reason)"),
  task_id: id.nullable(),
  reason: z.string().optional().describe("Why it was ignored: Auto-Submitted, a bounce sender, our own address …"),
});

export const taskDetailResponse = z.object({
  task: taskSummary,
  prediction: z
    .object({
      model_version: id.nullable(),
      sentiment: sentimentResult,
      emotion: z
        .union([z.object({ label: z.string(), scores }), z.enum(["pending", "failed"])])
        .describe('"pending": not scored yet, the worker will; "failed": the emotion server refused this text'),
      created_at: dateTime,
    })
    .nullable(),
  explanation,
  messages: z.array(taskMessage).describe("The conversation, oldest first"),
  sentiment_trend: sentimentTrendJson,
  reviews: z.array(
    z.object({
      id,
      label_before: z.enum(SENTIMENTS).nullable(),
      label_after: z.enum(SENTIMENTS),
      note: z.string().nullable(),
      reviewer: z.string().nullable(),
      created_at: dateTime,
    }),
  ),
});

export const reviewResponse = z.object({ task_id: id, label_before: z.enum(SENTIMENTS).nullable(), label_after: z.enum(SENTIMENTS) });

const classMetrics = z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number().int() });
const evaluation = z.object({ accuracy: z.number(), macro_f1: z.number(), per_class: z.record(z.string(), classMetrics) });
/** What a version was trained on, in the shape POST /training-runs takes it. */
const trainSelection = z.object({
  dataset_ids: z.array(id),
  category_ids: z.array(id),
  from: dateTime.nullable(),
  to: dateTime.nullable(),
  include_corrections: z.boolean(),
});
const testSelection = z.union([
  z.object({ kind: z.literal("holdout"), percent: z.number(), seed: z.number().int() }),
  z.object({ kind: z.literal("time"), split_at: dateTime }),
  z.object({ kind: z.literal("dataset"), dataset_ids: z.array(id) }),
]);

export const modelVersion = z.object({
  id,
  name: z.string(),
  algorithm: z.string(),
  params: z.record(z.string(), z.unknown()).describe("The algorithm's options, named as POST /training-runs takes them"),
  status: z.enum(MODEL_STATUSES),
  progress: z.number().describe("0–1"),
  progress_message: z.string().nullable(),
  active: z.boolean(),
  labels: z.array(z.string()).nullable(),
  metrics: evaluation
    .extend({
      active_comparison: evaluation
        .extend({
          version_id: id,
          confusion: z.array(z.array(z.number().int())),
          labels: z.array(z.string()),
          n_compared: z.number().int().nullable().describe("Test rows both versions were scored on: those the active version did not train on"),
          n_seen_by_active: z.number().int().nullable(),
          this_version: evaluation.nullable().describe("This version's scores on the same n_compared rows"),
        })
        .nullable()
        .describe("The version that was active when this one was trained, scored on the same test rows"),
    })
    .nullable()
    .describe("On the test data; null until the run has succeeded"),
  confusion: z.array(z.array(z.number().int())).nullable().describe("confusion[i][j]: test rows of labels[i] predicted as labels[j]"),
  n_train: z.number().int().nullable(),
  n_test: z.number().int().nullable(),
  train_selection: trainSelection.nullable().describe("null: not recorded (a version imported or trained outside training runs)"),
  test_selection: testSelection.nullable(),
  error: z.string().nullable(),
  created_at: dateTime,
  finished_at: dateTime.nullable(),
  promoted_at: dateTime.nullable(),
});
export const modelsResponse = z.object({ active_version: id.nullable(), models: z.array(modelVersion) });
export const modelResponse = z.object({ model: modelVersion });
export const trainingRunResponse = z.object({ training_run: modelVersion });

const mix = z.object({
  negative: z.number().int(),
  neutral: z.number().int(),
  positive: z.number().int(),
  total: z.number().int(),
  negative_share: z.number().nullable(),
  neutral_share: z.number().nullable(),
  positive_share: z.number().nullable(),
  net: z.number().nullable().describe("(positive − negative) / total, in [−1, 1]; null without scored requests"),
});
export const categoryTrendsResponse = z.object({
  range: z.object({ from: day, to: day, granularity: z.enum(GRANULARITIES) }),
  categories: z.array(
    z.object({ id, name: z.string(), current: mix, previous: mix.describe("The range of the same length just before"), net_change: z.number().nullable(), negative_share_change: z.number().nullable() }),
  ),
  worsened_most: z.array(z.object({ id, name: z.string(), net_change: z.number().nullable() })),
  over_time: z.array(mix.extend({ from: day, to: day })),
});

export const atRiskResponse = z.object({
  rule: z.string().describe("The rule in words"),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  accounts: z.array(
    z.object({
      account_id: id,
      name: z.string(),
      external_ref: z.string(),
      email: z.string().nullable(),
      severity: z.number().int().describe("Negative requests in the run (consecutive rule) or in the window (window rule)"),
      first_negative_at: dateTime.nullable(),
      last_negative_at: dateTime.nullable(),
      matches: z.boolean().describe("Whether the account meets the rule (severity at or above its threshold)"),
      follow_up: z
        .object({ id, status: z.string(), mechanism: z.string().nullable(), owner: z.string().nullable(), opened_at: dateTime.nullable() })
        .nullable(),
    }),
  ),
});

// A 422's details list each field's problem (lib/api/route.ts: apiErrorResponse); other errors have none.
const fieldIssue = z.object({ path: z.string(), message: z.string(), code: z.string().optional() });
export const errorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.array(fieldIssue).nullable() }) });
