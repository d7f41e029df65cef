// The analyze flow (ARCHITECTURE.md flow 1): a customer request comes in, is validated,
// scored by the active sentiment model and the emotion service, and stored as a task
// with its prediction. The feedback form and the REST API both come through here.
import { z } from "zod";
import { findCategoryByName, upsertAccounts } from "@/db/queries/catalog";
import { getTaskDetail } from "@/db/queries/task-detail";
import { findTaskByExternalId, insertTaskWithPrediction, type NewPrediction } from "@/db/queries/tasks";
import { CHANNELS, type Sentiment } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/platform/errors";
import { requireActiveModel } from "@/lib/sentiment/active-model";
import { textSchema } from "@/lib/sentiment/analyze";
import { classifyEmotionsOrPending, type EmotionResult } from "@/lib/intake/emotion-or-pending";
import type { Prediction } from "@/models/classifier";
import { currentRun } from "@/lib/accounts/at-risk";
import { emitEvent } from "@/lib/admin/webhooks";
import { accountStreak, insertTaskEvents } from "@/db/queries/support";
import { AT_RISK_RUN, computePriority } from "@/lib/support/priority";
import { runRules } from "@/lib/support/rules";
import { slaDueAt, slaTargets } from "@/lib/support/sla";
import { describeChange, priorityInput } from "@/lib/support/task-priority";
import { routeNewTask } from "@/lib/support/ownership";

// SQLite stores a U+0000 inside a text value, but the libSQL client reads the value back
// only up to it ("a\0b" comes back as "a"), so the task would be shown truncated or empty.
// Nobody types one; refusing it keeps what is stored and what is shown the same.
// (Found by the reliability suite's fuzzer, tests/reliability/fuzz.test.ts.)
export const withoutNul = (s: string) => !s.includes("\u0000");
export const NUL_MESSAGE = "Remove the NUL (U+0000) character.";

export const newTaskSchema = z.object({
  account: z.object({
    externalRef: z.string().trim().min(1).max(120).refine(withoutNul, NUL_MESSAGE).optional(),
    name: z.string().trim().min(1, "Enter a name.").max(120).refine(withoutNul, NUL_MESSAGE),
    email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address.")).optional(),
  }),
  category: z.string().trim().min(1, "Choose a category.").max(80),
  channel: z.enum(CHANNELS).default("web"),
  text: textSchema.refine(withoutNul, NUL_MESSAGE),
  externalId: z.string().trim().min(1).max(120).refine(withoutNul, NUL_MESSAGE).optional(),
});

export type CreatedTask = {
  taskId: number;
  predictionId: number;
  /** false when a task with the same external id already existed (nothing was written). */
  created: boolean;
  sentiment: Sentiment;
  confidence: number;
  scores: Record<string, number>;
  modelVersion: number | null;
  emotion: { label: string; scores: Record<string, number> } | null;
};

/** A stored prediction of a text: the sentiment version's answer and the emotion service's (or "pending"). */
export function predictionRow(versionId: number, prediction: Prediction, emotion: EmotionResult | null): Omit<NewPrediction, "taskId"> {
  return {
    modelVersionId: versionId,
    sentiment: prediction.label as Sentiment,
    scores: prediction.scores,
    confidence: prediction.confidence,
    emotion: emotion?.label ?? null,
    emotionScores: emotion?.scores ?? null,
    emotionStatus: emotion ? "done" : "pending",
    emotionModel: emotion?.model ?? null,
  };
}

export async function createScoredTask(input: unknown): Promise<CreatedTask> {
  const data = parseOrThrow(newTaskSchema, input, "validation:task", "The request is not valid.");
  if (data.externalId) {
    const existing = await findTaskByExternalId({ externalId: data.externalId });
    if (existing) {
      const detail = (await getTaskDetail({ id: existing.id }))!;
      const p = detail.prediction;
      return {
        taskId: existing.id,
        predictionId: existing.latestPredictionId!,
        created: false,
        sentiment: existing.sentiment!,
        confidence: existing.confidence ?? 0,
        scores: p?.scores ?? {},
        modelVersion: p?.modelVersionId ?? null,
        emotion: p?.emotion ? { label: p.emotion, scores: p.emotionScores ?? {} } : null,
      };
    }
  }
  const category = await findCategoryByName({ name: data.category });
  if (!category) throw new AppError("validation:category", `Unknown category "${data.category}".`, { fieldErrors: { category: "Unknown category." } });
  // Scored before anything is written: a text the model refuses must leave no account behind.
  const { versionId, classifier } = await requireActiveModel();
  const prediction = classifier.predict(data.text);
  const [emotion] = await classifyEmotionsOrPending([data.text]);
  const sentiment = prediction.label as Sentiment;

  const externalRef = data.account.externalRef ?? (data.account.email ? `email:${data.account.email}` : `name:${data.account.name.toLowerCase()}`);
  const accountId = (await upsertAccounts([{ externalRef, name: data.account.name, email: data.account.email ?? null }])).get(externalRef)!;
  // The priority from what the analysis says, with the account's run as it will be once this
  // request is in it (the newest request: a negative extends the run, anything else ends it).
  const streakBefore = await accountStreak({ accountId });
  const level = computePriority(
    priorityInput({ sentiment, confidence: prediction.confidence, emotion: emotion?.label ?? null, reviewed: false, categorySlug: category.slug, channel: data.channel, streak: sentiment === "negative" ? streakBefore + 1 : 0 }),
  );
  const createdAt = new Date();
  const due = slaDueAt({ priority: level.priority, status: "open", createdAt, firstResponseAt: null, slaFirstResponseBreachedAt: null, slaResolutionBreachedAt: null, slaResolutionFrom: null }, await slaTargets());
  let ids: { taskId: number; predictionId: number };
  try {
    ids = await insertTaskWithPrediction({
      task: {
        accountId,
        categoryId: category.id,
        channel: data.channel,
        text: data.text,
        externalId: data.externalId ?? null,
        sentiment,
        confidence: prediction.confidence,
        negativeScore: prediction.scores.negative ?? null,
        emotion: emotion?.label ?? null,
        priority: level.priority,
        priorityReasons: level.reasons,
        slaDueAt: due,
        createdAt,
      },
      prediction: predictionRow(versionId, prediction, emotion),
    });
  } catch (error) {
    // Two calls with the same external id at once: the loser returns the winner's task.
    if (data.externalId && /UNIQUE constraint failed: tasks\.external_id/.test(String((error as { cause?: unknown }).cause ?? error))) {
      return createScoredTask(input);
    }
    throw error;
  }
  await insertTaskEvents([{ taskId: ids.taskId, kind: "priority", summary: describeChange(null, level) }]);
  await routeNewTask(ids.taskId, category.id);
  await runRules([ids.taskId], "created");
  if (sentiment === "negative") await announceIfAtRisk(accountId);
  return {
    ...ids,
    created: true,
    sentiment,
    confidence: prediction.confidence,
    scores: prediction.scores,
    modelVersion: versionId,
    emotion: emotion ? { label: emotion.label, scores: emotion.scores } : null,
  };
}

/** The default rule of the Accounts page: this many negative requests in a row (lib/support/priority.ts). */
export { AT_RISK_RUN };

/**
 * Tells subscribed systems (webhook "account.at_risk") when a new request, or a follow-up
 * that turns a request negative, makes an account's run of negatives reach the at-risk
 * threshold — once per run, at the crossing.
 */
export async function announceIfAtRisk(accountId: number): Promise<void> {
  const run = await currentRun(accountId);
  if (run.length !== AT_RISK_RUN) return;
  await emitEvent("account.at_risk", {
    account_id: accountId,
    rule: `${AT_RISK_RUN} negative requests in a row`,
    task_ids: run.tasks.map((t) => t.id),
  });
}
