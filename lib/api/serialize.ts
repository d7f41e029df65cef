// Rows and reports to the API's JSON shapes: snake_case throughout, ISO dates, "pending"
// emotions. Each function's return type is the documented response schema's
// (lib/api/schemas.ts), so typecheck catches most drift from /api/v1/openapi.json; stored JSON
// (metrics, selections) is typed by assertion here, and the API tests check live answers
// against the document for what the types cannot see.
import type { z } from "zod";
import type { AtRiskList } from "@/lib/accounts/at-risk";
import type { TaskRow } from "@/db/queries/task-list";
import type { ModelVersionSummary } from "@/db/queries/models";
import type { Mix, sentimentTrends } from "@/lib/trends/reports";
import { testSelectionSchema, trainSelectionSchema } from "@/lib/training/selection";
import type { ClassMetrics } from "@/models/evaluation";
import type { ExplanationToken } from "@/models/classifier";
import type { atRiskResponse, categoryTrendsResponse, modelVersion, sentimentTrendJson, taskMessage, taskSummary } from "./schemas";
import type { MessageRow } from "@/db/queries/conversations";
import type { Conversation } from "@/lib/conversations/messages";

type Json<S extends z.ZodType> = z.input<S>;

/** The words that drove a decision, without the model's internal feature names. */
export function explanationJson(tokens: ExplanationToken[]) {
  return tokens.map(({ text, start, end, label, weight }) => ({ text, start, end, label, weight }));
}

export function taskJson(t: TaskRow): Json<typeof taskSummary> {
  return {
    id: t.id,
    text: t.text,
    status: t.status,
    channel: t.channel,
    sentiment: t.sentiment,
    confidence: t.confidence,
    emotion: t.emotion ?? "pending",
    reviewed: t.reviewed,
    flagged: t.flaggedAt !== null,
    account: { id: t.accountId, name: t.accountName },
    category: t.categoryName,
    created_at: t.createdAt.toISOString(),
    priority: t.priority,
    priority_reasons: t.priorityReasons,
    owner: t.ownerId !== null ? { id: t.ownerId, name: t.ownerName ?? "" } : null,
    sla_due_at: iso(t.slaDueAt),
    sla_breached_at: iso(t.slaBreachedAt),
    sla_first_response_breached_at: iso(t.slaFirstResponseBreachedAt),
    sla_resolution_breached_at: iso(t.slaResolutionBreachedAt),
    first_response_at: iso(t.firstResponseAt),
    tags: t.tags,
  };
}

type StoredEvaluation = { accuracy: number; macroF1: number; perClass: Record<string, ClassMetrics> };
/** What lib/training/execute-runs.ts stores as metrics.activeComparison (the n* fields since 2026-11-27). */
type StoredComparison = StoredEvaluation & {
  versionId: number;
  confusion: number[][];
  labels: string[];
  nCompared?: number;
  nSeenByActive?: number;
  thisVersion?: StoredEvaluation;
};

const evaluationJson = (e: StoredEvaluation) => ({ accuracy: e.accuracy, macro_f1: e.macroF1, per_class: e.perClass });

function comparisonJson(c: StoredComparison | null | undefined) {
  if (!c) return null;
  return {
    ...evaluationJson(c),
    version_id: c.versionId,
    confusion: c.confusion,
    labels: c.labels,
    n_compared: c.nCompared ?? null,
    n_seen_by_active: c.nSeenByActive ?? null,
    this_version: c.thisVersion ? evaluationJson(c.thisVersion) : null,
  };
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** The stored selection in the shape POST /training-runs takes it; null when not recorded. */
function trainSelectionJson(stored: unknown) {
  const t = trainSelectionSchema.safeParse(stored);
  if (!t.success) return null;
  const { datasetIds, categoryIds, from, to, includeCorrections } = t.data;
  return { dataset_ids: datasetIds, category_ids: categoryIds, from: iso(from), to: iso(to), include_corrections: includeCorrections };
}

function testSelectionJson(stored: unknown) {
  const t = testSelectionSchema.safeParse(stored);
  if (!t.success) return null;
  const s = t.data;
  return s.kind === "holdout" ? s : s.kind === "time" ? { kind: s.kind, split_at: s.splitAt.toISOString() } : { kind: s.kind, dataset_ids: s.datasetIds };
}

export function modelJson(v: ModelVersionSummary, activeId: number | null): Json<typeof modelVersion> {
  const m = v.metrics as (StoredEvaluation & { activeComparison?: StoredComparison | null }) | null;
  return {
    id: v.id,
    name: v.name,
    algorithm: v.algorithm,
    params: v.params,
    status: v.status,
    progress: v.progress,
    progress_message: v.progressMessage,
    active: v.id === activeId,
    labels: v.labels,
    metrics: v.status === "succeeded" && m ? { ...evaluationJson(m), active_comparison: comparisonJson(m.activeComparison) } : null,
    confusion: v.confusion,
    n_train: v.nTrain,
    n_test: v.nTest,
    train_selection: trainSelectionJson(v.trainSelection),
    test_selection: testSelectionJson(v.testSelection),
    error: v.error,
    created_at: v.createdAt.toISOString(),
    finished_at: iso(v.finishedAt),
    promoted_at: iso(v.promotedAt),
  };
}

function mixJson(m: Mix) {
  return {
    negative: m.negative,
    neutral: m.neutral,
    positive: m.positive,
    total: m.total,
    negative_share: m.negativeShare,
    neutral_share: m.neutralShare,
    positive_share: m.positiveShare,
    net: m.net,
  };
}

export function categoryTrendsJson(t: Awaited<ReturnType<typeof sentimentTrends>>): Json<typeof categoryTrendsResponse> {
  return {
    range: { from: t.range.from, to: t.range.to, granularity: t.range.granularity },
    categories: t.byCategory.map((c) => ({
      id: c.categoryId,
      name: c.name,
      current: mixJson(c.current),
      previous: mixJson(c.previous),
      net_change: c.netChange,
      negative_share_change: c.negativeShareChange,
    })),
    worsened_most: t.worsened.map((c) => ({ id: c.categoryId, name: c.name, net_change: c.netChange })),
    over_time: t.overTime.map((p) => ({ from: p.from, to: p.to, ...mixJson(p) })),
  };
}

export function atRiskJson(list: AtRiskList): Json<typeof atRiskResponse> {
  return {
    rule: list.rule,
    total: list.total,
    page: list.query.page,
    pages: list.pages,
    accounts: list.rows.map((r) => ({
      account_id: r.accountId,
      name: r.name,
      external_ref: r.externalRef,
      email: r.email,
      severity: r.severity,
      first_negative_at: iso(r.firstNegativeAt),
      last_negative_at: iso(r.lastNegativeAt),
      matches: r.matches,
      follow_up:
        r.followUpId !== null && r.followUpStatus !== null
          ? { id: r.followUpId, status: r.followUpStatus, mechanism: r.followUpMechanism, owner: r.followUpOwner, opened_at: iso(r.followUpOpenedAt) }
          : null,
    })),
  };
}

/** One message of a task's conversation (issue 20). */
export function messageJson(m: MessageRow): Json<typeof taskMessage> {
  return {
    id: m.id,
    author: m.author,
    author_name: m.author === "agent" ? m.authorName : null,
    channel: m.channel,
    text: m.text,
    internal: m.internal,
    sentiment: m.sentiment,
    confidence: m.confidence,
    emotion: m.emotion,
    email_status: m.emailStatus,
    created_at: m.createdAt.toISOString(),
  };
}

export function trendJson(t: Conversation["trend"]): Json<typeof sentimentTrendJson> {
  return { opening: t.opening, latest: t.latest, change: t.change };
}
