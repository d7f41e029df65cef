// How one model version's predictions fared with supervisors: of the requests it labelled
// that a supervisor reviewed, per class and per week, how often the final review kept its
// label. Only the newest review of each prediction counts (a changed mind replaces the first),
// and an undone review counts for nothing (the one before it, if any, is in effect again).
import { sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { predictions, reviews } from "../schema";

const WEEK_DAYS = sql.raw("7");
const DAY_MS = 86_400_000;
// Written into the statement: a bound number may arrive as a float and make the division exact.
const DAY = sql.raw(String(DAY_MS));

// The review in effect on a prediction: its newest one not undone.
const inEffect = sql`r.id = (select max(r2.id) from ${reviews} r2 where r2.prediction_id = r.prediction_id and r2.undone_at is null)`;

// The review in effect on each prediction the version made.
const finalReviewsOf = (modelVersionId: number) => sql`
  from ${reviews} r
  join ${predictions} p on p.id = r.prediction_id
  where p.model_version_id = ${modelVersionId} and ${inEffect}`;

export type ClassAgreement = {
  label: string;
  /** Reviewed requests the model gave this label, and how many of them supervisors kept. */
  predicted: number;
  kept: number;
  /** Reviewed requests supervisors gave this label, and how many of them the model had found. */
  labelled: number;
  found: number;
};

export async function agreementByClass({ modelVersionId }: { modelVersionId: number }, db: Database = getDb()): Promise<ClassAgreement[]> {
  const rows = await db.all<{ model: string; supervisor: string; n: number }>(sql`
    select p.sentiment as model, r.label_after as supervisor, count(*) as n ${finalReviewsOf(modelVersionId)}
    group by p.sentiment, r.label_after`);
  const byLabel = new Map<string, ClassAgreement>();
  const entry = (label: string) => {
    let e = byLabel.get(label);
    if (!e) byLabel.set(label, (e = { label, predicted: 0, kept: 0, labelled: 0, found: 0 }));
    return e;
  };
  for (const r of rows) {
    entry(r.model).predicted += r.n;
    entry(r.supervisor).labelled += r.n;
    if (r.model === r.supervisor) {
      entry(r.model).kept += r.n;
      entry(r.model).found += r.n;
    }
  }
  return [...byLabel.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export type WeekAgreement = { weekStart: Date; reviewed: number; kept: number };

/** Per calendar week (Monday, UTC) of the final review. */
export async function agreementByWeek({ modelVersionId }: { modelVersionId: number }, db: Database = getDb()): Promise<WeekAgreement[]> {
  // Day 0 (1970-01-01) was a Thursday: (day + 3) % 7 is the number of days since Monday.
  const rows = await db.all<{ monday: number; reviewed: number; kept: number }>(sql`
    select (r.created_at / ${DAY}) - ((r.created_at / ${DAY} + 3) % ${WEEK_DAYS}) as monday,
           count(*) as reviewed, sum(case when r.label_after = p.sentiment then 1 else 0 end) as kept
    ${finalReviewsOf(modelVersionId)}
    group by monday order by monday`);
  return rows.map((r) => ({ weekStart: new Date(r.monday * DAY_MS), reviewed: r.reviewed, kept: r.kept }));
}

/**
 * Supervisor labels given since a moment: the scored messages whose review in effect was made
 * since then, and how many of those labels differ from the model's. An undone review is no label.
 */
export async function reviewsSince({ since }: { since: Date }, db: Database = getDb()): Promise<{ reviewed: number; changed: number }> {
  const [row] = await db.all<{ reviewed: number; changed: number }>(sql`
    select count(*) as reviewed, coalesce(sum(case when r.label_after <> p.sentiment then 1 else 0 end), 0) as changed
    from ${reviews} r
    join ${predictions} p on p.id = r.prediction_id
    where r.created_at >= ${since.getTime()} and ${inEffect}`);
  return { reviewed: row?.reviewed ?? 0, changed: row?.changed ?? 0 };
}

/**
 * Agreement per model version: of the predictions supervisors reviewed, the share whose
 * final review kept the model's label.
 */
export async function agreementByModelVersion(db: Database = getDb()) {
  const rows = await db.all<{ model_version_id: number | null; reviewed: number; kept: number }>(sql`
    select p.model_version_id, count(*) as reviewed, sum(case when r.label_after = p.sentiment then 1 else 0 end) as kept
    from ${reviews} r
    join ${predictions} p on p.id = r.prediction_id
    where ${inEffect}
    group by p.model_version_id
    order by p.model_version_id desc`);
  return rows.map((r) => ({ modelVersionId: r.model_version_id, reviewed: r.reviewed, kept: r.kept, rate: r.reviewed ? r.kept / r.reviewed : null }));
}
