/**
 * What customers say about each category: tables/category-phrases.json, one phrase bank per
 * category. Written for this project (no dataset text).
 *
 * Pools, and why they are separate:
 * - subjects: short noun phrases reused by the shared tone phrases ("still waiting on {subject}").
 * - problems: clear complaints -> negative messages.
 * - mildProblems: low-key complaints. Mostly used for mild negatives, sometimes inside a
 *   neutral "could you check?" request. This overlap is deliberate: real queues are not
 *   perfectly separable and a classifier trained on the demo data should not hit 100%.
 * - asks: questions (must start with a capitalised question word so they can follow
 *   "Also, "); used by every sentiment.
 * - info: neutral statements of fact or intent.
 * - praise: category-specific positives.
 * - details: mood-free facts (numbers, dates, references) that add length and variety.
 */
import { z } from "zod";
import { CATEGORY_NAMES, type CategoryName } from "./categories";
import phraseData from "./tables/category-phrases.json";
import { readTable } from "./read-table";
import { CATEGORY_POOLS, type CategoryPool } from "./template";

export type CategoryPhraseBank = Record<CategoryPool, readonly string[]>;

const pool = z.array(z.string().min(1)).min(1);
const bankSchema = z.record(z.enum(CATEGORY_POOLS), pool) satisfies z.ZodType<CategoryPhraseBank>;

export const CATEGORY_PHRASES: Record<CategoryName, CategoryPhraseBank> = readTable(
  "category-phrases.json",
  z.record(z.enum(CATEGORY_NAMES), bankSchema),
  phraseData,
);
