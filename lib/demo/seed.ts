// Demo data: the ten categories, a labelled training dataset, the shipped model and a few
// thousand customer requests over the last 90 days, all written by the project's own
// generator (lib/demo/generator). Idempotent; `reset` starts over; scales to millions in batches.
import { upsertAccounts, upsertCategories } from "@/db/queries/catalog";
import { countExamples, deleteDatasetsByKind, ensureDataset, insertExampleStatements } from "@/db/queries/datasets";
import { deleteAllModelVersions, getActiveModelId } from "@/db/queries/models";
import { countTasks, deleteAllTaskData, type NewTask } from "@/db/queries/tasks";
import { BulkTaskWriter, type BulkTask } from "@/lib/intake/bulk-tasks";
import { dbReady } from "@/db/client";
import { generateAccount } from "@/lib/demo/generator/accounts";
import { CATEGORIES } from "@/lib/demo/generator/categories";
import { planDemo } from "@/lib/demo/generator/plan";
import { createDemoRng } from "@/lib/demo/generator/random";
import { generateLabelledExamples } from "@/lib/demo/generator/requests";
import { progressBar, type ProgressReporter } from "@/lib/platform/progress-bar";
import { requireActiveModel } from "@/lib/sentiment/active-model";
import { installShippedSentimentModel } from "@/lib/training/shipped/version";
import { DAY_MS } from "@/lib/platform/days";

export const DEMO_DATASET = "Demo examples";
const BATCH = 5000;

export type SeedOptions = {
  tasks?: number;
  reset?: boolean;
  seed?: number;
  days?: number;
  examples?: number;
  now?: Date;
  quiet?: boolean;
};

export type SeedReport = { categories: number; examples: number; modelVersionId: number | null; tasksCreated: number; skippedTasks: boolean };

const silent: ProgressReporter = { update() {}, finish() {} };

export async function seedDemo(options: SeedOptions = {}): Promise<SeedReport> {
  const { tasks = 3000, reset = false, seed = 7, days = 90, examples = 6000, now = new Date(), quiet = false } = options;
  const db = await dbReady();
  const log = (line: string) => quiet || process.stderr.write(line + "\n");

  if (reset) {
    log("Resetting demo data (users, API keys and the audit log are kept)…");
    await deleteAllTaskData();
    await deleteAllModelVersions();
    await deleteDatasetsByKind({ kinds: ["demo", "corrections"] });
  }

  const categoryRows = await upsertCategories(CATEGORIES.map((c) => ({ name: c.name, slug: c.slug, description: c.description })));
  const categoryId = new Map(categoryRows.map((c) => [c.name, c.id]));

  // Labelled training examples, spread over the same period as the tasks.
  const dataset = await ensureDataset({ name: DEMO_DATASET, kind: "demo", description: "Generated customer requests with sentiment labels." });
  let exampleCount = await countExamples({ datasetId: dataset.id });
  if (exampleCount === 0) {
    const rng = createDemoRng(seed * 7919 + 1);
    // Without the generator's label noise: these are training labels a person should agree with.
    const rows = generateLabelledExamples(rng, examples, false).map((e, i) => ({
      datasetId: dataset.id,
      text: e.text,
      label: e.sentiment,
      categoryId: categoryId.get(e.category) ?? null,
      occurredAt: new Date(now.getTime() - ((examples - i) / examples) * days * DAY_MS),
    }));
    await db.batch(insertExampleStatements(rows) as [ReturnType<typeof insertExampleStatements>[number]]);
    exampleCount = rows.length;
    log(`Created ${exampleCount} labelled training examples.`);
  }

  // The shipped model (models/shipped/), so the product predicts well out of the box.
  let modelVersionId = await getActiveModelId({ task: "sentiment" });
  if (modelVersionId === null) {
    const promoted = await installShippedSentimentModel();
    modelVersionId = promoted.id;
    const metrics = promoted.metrics as { macroF1?: number } | null;
    log(`Model version ${promoted.id} active: the shipped model (macro-F1 ${metrics?.macroF1?.toFixed(3) ?? "—"} on real customer complaints it was never trained on).`);
  }

  const existing = await countTasks();
  if (existing > 0 || tasks === 0) {
    if (existing > 0) log(`${existing} tasks already present: leaving them (use --reset to start over).`);
    return { categories: categoryRows.length, examples: exampleCount, modelVersionId, tasksCreated: 0, skippedTasks: true };
  }

  const created = await seedTasks({ tasks, seed, days, now, categoryId, progress: quiet ? silent : progressBar("Seeding tasks", tasks) });
  return { categories: categoryRows.length, examples: exampleCount, modelVersionId, tasksCreated: created, skippedTasks: false };
}

async function seedTasks({
  tasks,
  seed,
  days,
  now,
  categoryId,
  progress,
}: {
  tasks: number;
  seed: number;
  days: number;
  now: Date;
  categoryId: Map<string, number>;
  progress: ProgressReporter;
}): Promise<number> {
  const db = await dbReady();
  // About 20 requests per account on average, as in a real support desk's long tail.
  const accountCount = Math.max(20, Math.round(tasks / 20));
  const accountRng = createDemoRng(seed * 31 + 3);
  const accountIds: number[] = new Array(accountCount);
  for (let start = 0; start < accountCount; start += BATCH) {
    const chunk = [];
    for (let i = start; i < Math.min(accountCount, start + BATCH); i++) chunk.push(generateAccount(accountRng, i));
    const ids = await upsertAccounts(chunk);
    chunk.forEach((a, k) => (accountIds[start + k] = ids.get(a.externalRef)!));
  }

  const writer = await BulkTaskWriter.open(db, await requireActiveModel());
  let done = 0;
  let batch: BulkTask[] = [];
  const flush = async () => {
    // One transaction per batch: fast, and an interrupted seed leaves whole batches only.
    const statements = writer.statements(batch);
    await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
    done += batch.length;
    progress.update(done);
    batch = [];
  };

  for (const spec of planDemo({ seed, tasks, accounts: accountCount, days, now })) {
    const status = ageStatus(now.getTime() - spec.createdAt.getTime(), done + batch.length);
    batch.push({
      accountId: accountIds[spec.accountIndex],
      categoryId: categoryId.get(spec.category)!,
      channel: spec.channel,
      text: spec.text,
      // Older requests have mostly been handled; recent ones are still in the queue.
      status,
      createdAt: spec.createdAt,
      // Handled requests were answered after a while (20 min to about 1.5 days, by id), so the
      // dashboard's and trends' response times have something to show.
      firstResponseAt: status === "replied" || status === "closed" ? demoFirstResponse(spec.createdAt, done + batch.length) : null,
    });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  progress.finish();
  return done;
}

function demoFirstResponse(createdAt: Date, id: number): Date {
  const minutes = 20 + ((id * 7919) % 2000);
  return new Date(createdAt.getTime() + minutes * 60_000);
}

function ageStatus(ageMs: number, id: number): NewTask["status"] {
  const days = ageMs / DAY_MS;
  if (days > 14) return id % 10 === 0 ? "replied" : "closed";
  if (days > 3) return (["read", "replied", "closed"] as const)[id % 3];
  return id % 4 === 0 ? "read" : "open";
}
