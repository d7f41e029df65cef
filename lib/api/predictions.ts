// POST /api/v1/predictions: score up to 100 texts in one call. Each input is checked
// on its own, so one empty or oversized text gets its own error while the rest are
// scored; nothing is truncated. With persist (the default) each input becomes a task.
import type { z } from "zod";
import { createScoredTask } from "@/lib/intake/scored-task";
import { classifyEmotionsOrPending } from "@/lib/intake/emotion-or-pending";
import { AppError, isAppError, type ErrorCode } from "@/lib/platform/errors";
import { requireActiveModel } from "@/lib/sentiment/active-model";
import { textSchema } from "@/lib/sentiment/analyze";
import { classifierForVersion } from "@/lib/sentiment/version-cache";
import { apiFieldPath } from "./route";
import { explanationJson } from "./serialize";
import type { predictionResult, predictionsRequest } from "./schemas";

type Request = z.infer<typeof predictionsRequest>;

/** Marks per scored text: a batch of 100 answers stays short. */
const API_EXPLANATION_MARKS = 5;
type Result = z.infer<typeof predictionResult>;

/**
 * The answer's status says how the call went as a whole, so a caller that only looks at the
 * status is not misled: 200 when every input was scored, 207 when some were (the body counts
 * both and each failed result carries its error), and 422 when none was, with each input's
 * error as a field path (nothing was stored then).
 */
export function predictionsAnswer(results: Result[], persist: boolean): { status: number; data: unknown } {
  const failed = results.filter((r) => !r.ok);
  if (failed.length === results.length) {
    const messages = [...new Set(failed.map((r) => r.error!.message))];
    const why = messages.length === 1 ? messages[0] : "each input's error is in details.";
    const path = (r: Result) => `inputs.${r.index}`;
    throw new AppError("validation:inputs", `No input was ${persist ? "stored" : "scored"}: ${why}`, {
      fieldErrors: Object.fromEntries(failed.map((r) => [path(r), r.error!.message])),
      fieldCodes: Object.fromEntries(failed.map((r) => [path(r), r.error!.code as ErrorCode])),
    });
  }
  return { status: failed.length ? 207 : 200, data: { succeeded: results.length - failed.length, failed: failed.length, results } };
}

export async function scorePredictions(body: Request, callerName: string): Promise<Result[]> {
  const items = body.inputs.map((input) => (typeof input === "string" ? { text: input } : input));
  const results: Result[] = new Array(items.length);
  const valid: { index: number; text: string }[] = [];
  items.forEach((item, index) => {
    const parsed = textSchema.safeParse(item.text);
    if (parsed.success) valid.push({ index, text: parsed.data });
    else results[index] = { index, ok: false, error: { code: "validation:text", message: parsed.error.issues[0].message } };
  });

  if (!body.persist) {
    const { versionId, classifier } = await requireActiveModel();
    const texts = valid.map((v) => v.text);
    const [predictions, emotions] = await Promise.all([Promise.resolve(classifier.predictBatch(texts)), classifyEmotionsOrPending(texts)]);
    valid.forEach((v, i) => {
      const p = predictions[i];
      const e = emotions[i];
      results[v.index] = {
        index: v.index,
        ok: true,
        task_id: null,
        sentiment: { label: p.label as "negative" | "neutral" | "positive", scores: p.scores, confidence: p.confidence },
        explanation: explanationJson(classifier.explain(v.text, API_EXPLANATION_MARKS)),
        emotion: e ? { label: e.label, scores: e.scores } : "pending",
        model_version: versionId,
      };
    });
    return results;
  }

  for (const v of valid) {
    const item = items[v.index];
    const category = ("category" in item && item.category) || body.category;
    if (!category) {
      results[v.index] = { index: v.index, ok: false, error: { code: "validation:category", message: "A stored input needs a category (per input or at the top level), or send persist: false." } };
      continue;
    }
    try {
      const account = "account" in item && item.account ? item.account : { name: callerName };
      const task = await createScoredTask({
        account: { name: account.name, email: "email" in account ? account.email : undefined, externalRef: "external_ref" in account ? account.external_ref : undefined },
        category,
        channel: body.channel,
        text: v.text,
        externalId: "external_id" in item ? item.external_id : undefined,
      });
      // Explained by the version that scored it, even if another was promoted meanwhile.
      const classifier = task.modelVersion !== null ? await classifierForVersion(task.modelVersion) : null;
      results[v.index] = {
        index: v.index,
        ok: true,
        task_id: task.taskId,
        sentiment: { label: task.sentiment, scores: task.scores, confidence: task.confidence },
        explanation: classifier ? explanationJson(classifier.explain(v.text, API_EXPLANATION_MARKS)) : [],
        emotion: task.emotion ? { label: task.emotion.label, scores: task.emotion.scores } : "pending",
        model_version: task.modelVersion ?? undefined,
      };
    } catch (error) {
      if (!isAppError(error) || error.kind === "unavailable") throw error;
      results[v.index] = { index: v.index, ok: false, error: { code: error.code, message: withFields(error) } };
    }
  }
  return results;
}

/** An input's error in one line that names its fields ("text: Remove the NUL (U+0000) character."), not only "The request is not valid.". */
function withFields(error: AppError): string {
  const fields = Object.entries(error.details?.fieldErrors ?? {});
  return fields.length ? fields.map(([path, message]) => (apiFieldPath(path) ? `${apiFieldPath(path)}: ${message}` : message)).join("; ") : error.message;
}
