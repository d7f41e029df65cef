// Labelled datasets and their examples: what training runs learn from and test on.
import { and, asc, count, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { getDb, type Database, type Executor } from "../client";
import { datasets, examples, type Dataset, DATASET_KINDS } from "../schema";
import { pickColumns } from "./pick-columns";

export type DatasetKind = (typeof DATASET_KINDS)[number];
export type NewExample = typeof examples.$inferInsert;

export async function ensureDataset(
  { name, kind, description = "", authorId = null }: { name: string; kind: DatasetKind; description?: string; authorId?: number | null },
  db: Executor = getDb(),
): Promise<Dataset> {
  await db.insert(datasets).values({ name, kind, description, authorId }).onConflictDoNothing();
  const [row] = await db.select().from(datasets).where(eq(datasets.name, name)).limit(1);
  return row;
}

export async function listDatasetsWithCounts(db: Database = getDb()) {
  return db
    .select({ ...pickColumns(datasets, ["id", "name", "kind", "description", "createdAt"]), examples: count(examples.id) })
    .from(datasets)
    .leftJoin(examples, eq(examples.datasetId, datasets.id))
    .groupBy(datasets.id)
    .orderBy(asc(datasets.name));
}

/** Every dataset's id and name (no counts: cheap whatever the number of examples). */
export async function listDatasetNames(db: Database = getDb()): Promise<{ id: number; name: string }[]> {
  return db.select({ id: datasets.id, name: datasets.name }).from(datasets).orderBy(asc(datasets.name));
}

export async function countExamples({ datasetId }: { datasetId: number }, db: Database = getDb()): Promise<number> {
  const [row] = await db.select({ n: count() }).from(examples).where(eq(examples.datasetId, datasetId));
  return row?.n ?? 0;
}

/** Inserts examples in chunks that stay under SQLite's bound-parameter limit. */
export function insertExampleStatements(rows: NewExample[], db: Executor = getDb()) {
  const statements = [];
  for (let i = 0; i < rows.length; i += 1000) statements.push(db.insert(examples).values(rows.slice(i, i + 1000)));
  return statements;
}

export type ExampleSelection = {
  datasetIds: number[];
  categoryIds?: number[];
  from?: Date; // inclusive
  to?: Date; // exclusive
};

function selectionWhere(sel: ExampleSelection): SQL | undefined {
  const conditions: (SQL | undefined)[] = [inArray(examples.datasetId, sel.datasetIds.length ? sel.datasetIds : [-1])];
  if (sel.categoryIds?.length) conditions.push(inArray(examples.categoryId, sel.categoryIds));
  if (sel.from) conditions.push(gte(examples.occurredAt, sel.from));
  if (sel.to) conditions.push(lt(examples.occurredAt, sel.to));
  return and(...conditions);
}

/** Texts and labels of a selection, in a stable order (id) so seeded splits repeat. */
export async function selectExamples(sel: ExampleSelection, db: Database = getDb()) {
  return db
    .select({ id: examples.id, datasetId: examples.datasetId, text: examples.text, label: examples.label, occurredAt: examples.occurredAt })
    .from(examples)
    .where(selectionWhere(sel))
    .orderBy(asc(examples.id));
}

/** The kind of each of these datasets (demo, import, corrections, manual). */
export async function datasetKinds({ ids }: { ids: number[] }, db: Database = getDb()): Promise<Map<number, DatasetKind>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: datasets.id, kind: datasets.kind }).from(datasets).where(inArray(datasets.id, ids));
  return new Map(rows.map((r) => [r.id, r.kind]));
}

export async function deleteDatasetsByKind({ kinds }: { kinds: DatasetKind[] }, db: Database = getDb()) {
  const ids = (await db.select({ id: datasets.id }).from(datasets).where(inArray(datasets.kind, kinds))).map((r) => r.id);
  if (ids.length === 0) return;
  await db.batch([db.delete(examples).where(inArray(examples.datasetId, ids)), db.delete(datasets).where(inArray(datasets.id, ids))]);
}
