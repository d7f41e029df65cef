// Request and response schemas of the REST API. The same zod schemas validate requests
// and generate the OpenAPI document (lib/api/openapi.ts), where they are inlined.
import { z } from "zod";
import { API_SCOPES, CHANNELS, SENTIMENTS, TASK_STATUSES } from "@/db/schema";
import { MAX_TEXT_CHARS } from "@/lib/sentiment/analyze";
import { TASK_SORTS } from "@/db/queries/task-list";

export const accountRef = z
  .object({
    name: z.string().trim().min(1).max(120).describe("Customer name"),
    email: z.email().optional(),
    external_ref: z.string().trim().min(1).max(120).optional().describe("Your system's id for the customer"),
  });

// Items are checked one by one in the handler, so one bad text does not fail the others.
export const predictionItem = z.union([
  z.string(),
  z.object({
    text: z.unknown().describe(`The text to score, 1–${MAX_TEXT_CHARS} characters`),
    category: z.string().optional(),
    account: accountRef.optional(),
    external_id: z.string().max(120).optional(),
  }),
]);

export const predictionsRequest = z
  .object({
    inputs: z.array(predictionItem).min(1, "Send at least one input.").max(100, "Send at most 100 inputs per call."),
    persist: z.boolean().default(true).describe("false: score only; true: store each input as a task (needs a category)"),
    category: z.string().optional().describe("Default category for stored inputs"),
    channel: z.enum(CHANNELS).default("api"),
  });

const scores = z.record(z.string(), z.number());
export const predictionResult = z
  .object({
    index: z.number().int(),
    ok: z.boolean(),
    task_id: z.number().int().nullable().optional(),
    sentiment: z.object({ label: z.enum(SENTIMENTS), scores, confidence: z.number() }).optional(),
    explanation: z.array(z.object({ text: z.string(), start: z.number().int(), end: z.number().int(), label: z.string(), weight: z.number() })).optional(),
    emotion: z.union([z.object({ label: z.string(), scores }), z.literal("pending")]).optional(),
    model_version: z.number().int().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  });
export const predictionsResponse = z.object({ results: z.array(predictionResult) });

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
    emotion: z.string().describe('An emotion label, or "pending"'),
    reviewed: z.boolean(),
    flagged: z.boolean(),
    account: z.object({ id: z.number().int(), name: z.string() }),
    category: z.string(),
    created_at: z.string(),
  });

export const taskListQuery = z.object({
  category: z.string().optional().describe("Category id"),
  sentiment: z.enum(SENTIMENTS).optional(),
  emotion: z.string().optional(),
  status: z.enum(TASK_STATUSES).optional(),
  account: z.string().optional().describe("Account id"),
  from: z.string().optional().describe("ISO date, inclusive"),
  to: z.string().optional().describe("ISO date, exclusive"),
  q: z.string().optional(),
  sort: z.enum(TASK_SORTS).optional(),
  cursor: z.string().optional(),
  limit: z.string().optional().describe("1–200, default 50"),
});

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

export const errorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) });

export const apiKeyScopes = z.array(z.enum(API_SCOPES));
