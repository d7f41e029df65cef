/**
 * The ten task categories of the call-centre tracker and the statistics the demo
 * generator needs about each one.
 *
 * Why per-category numbers: a demo where every category looks the same makes the
 * dashboards (category breakdowns, trend lines, at-risk lists) uninteresting. The
 * baseline mixes in tables/categories.json average out, weighted by `volume`, to roughly
 * 45% negative / 30% neutral / 25% positive, matching what a complaint-heavy support queue sees.
 */
import { z } from "zod";
import categoryData from "./tables/categories.json";
import { readTable } from "./read-table";
import { CHANNELS, EMOTIONS, SENTIMENTS, type Channel, type Emotion, type SentimentMix } from "./types";

export const CATEGORY_NAMES = [
  "Accounts",
  "Billing",
  "Cancellations",
  "Client Concerns",
  "Help/Merge",
  "Payments",
  "Plan Changes",
  "Portal/Apps",
  "Reports",
  "Schedules",
] as const;
export type CategoryName = (typeof CATEGORY_NAMES)[number];

export interface CategoryDef {
  name: CategoryName;
  /** URL/DB-safe identifier. */
  slug: string;
  description: string;
  /** Baseline sentiment shares (sum to 1) before any time trend is applied. */
  sentimentMix: SentimentMix;
  /** Relative share of all traffic (Billing and Payments are the busiest queues). */
  volume: number;
  /**
   * Change in the negative share per week across the demo window. Positive = the
   * category gets worse over time, which gives the trend charts a story to tell.
   */
  negativeTrendPerWeek: number;
  /** Multipliers on the base emotion weights (see emotions.ts); absent = 1. */
  emotionTilt: Partial<Record<Emotion, number>>;
  /** Relative channel usage for this kind of request. */
  channelMix: Record<Channel, number>;
}

// The numbers live in tables/categories.json, keyed by name; the schema holds them to the shape above.
const share = z.number().min(0).max(1);
const categorySchema = z.strictObject({
  slug: z.string().regex(/^[a-z]+(-[a-z]+)*$/, "must be lower-case words joined by hyphens"),
  description: z.string().min(1),
  sentimentMix: z
    .record(z.enum(SENTIMENTS), share)
    .refine((m) => Math.abs(SENTIMENTS.reduce((sum, s) => sum + m[s], 0) - 1) < 1e-6, "shares must add up to 1"),
  volume: z.number().positive(),
  negativeTrendPerWeek: z.number(),
  emotionTilt: z.partialRecord(z.enum(EMOTIONS), z.number().positive()),
  channelMix: z.record(z.enum(CHANNELS), share),
}) satisfies z.ZodType<Omit<CategoryDef, "name">>;

const table = readTable("categories.json", z.record(z.enum(CATEGORY_NAMES), categorySchema), categoryData);

export const CATEGORIES: readonly CategoryDef[] = CATEGORY_NAMES.map((name) => ({ name, ...table[name] }));

const byName = new Map<string, CategoryDef>();
for (const c of CATEGORIES) {
  byName.set(c.name, c);
  byName.set(c.slug, c);
}

/** Look a category up by display name or slug. */
export function getCategory(nameOrSlug: string): CategoryDef {
  const c = byName.get(nameOrSlug);
  if (!c) throw new RangeError(`unknown category: ${nameOrSlug}`);
  return c;
}
