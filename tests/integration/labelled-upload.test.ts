// Labelled data uploaded on the models page, on a real database: the same checks as
// `npm run import`, a preview and every refused line before anything is written, all or
// nothing (or skip the bad lines), new or existing datasets of the company's own, and the
// result usable for training. The body is a real request stream, read as it arrives.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { ensureDataset } from "@/db/queries/datasets";
import { datasets, examples } from "@/db/schema";
import { uploadedCsv } from "../support/csv-upload";
import { importCsv } from "@/lib/import/import-csv";
import { labelledUploadSchema, MAX_UPLOAD_ROWS, processLabelledUpload } from "@/lib/import/labelled-upload";
import { queueTrainingRun } from "@/lib/training/runs";
import { drainTrainingQueue } from "@/lib/training/execute-runs";
import { getModelVersion } from "@/db/queries/models";
import { unique } from "../support/temp-db";
import { freshDemoDatabase } from "../support/demo-db";

const records = uploadedCsv;
const upload = (o: Record<string, unknown>) => labelledUploadSchema.parse({ textColumn: "message", labelColumn: "sentiment", ...o });

const GOOD = ["message,sentiment", '"The refund never came, I am furious",negative', "Thanks for sorting it so fast,positive", "When is my next invoice due?,neutral"];
const WITH_BAD = [...GOOD, ",negative", "too,many,fields", `${"x".repeat(5200)},negative`, "fine again,"];

async function examplesIn(name: string): Promise<number> {
  const db = getDb();
  const [d] = await db.select().from(datasets).where(eq(datasets.name, name));
  if (!d) return -1;
  const [row] = await db.select({ n: count() }).from(examples).where(eq(examples.datasetId, d.id));
  return row.n;
}

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 0, examples: 300 });
});

describe("checking an upload", () => {
  it("shows a preview, the labels and every refused line with its line number, and writes nothing", async () => {
    const name = unique("checked");
    const result = await processLabelledUpload(records(WITH_BAD.join("\n")), upload({ mode: "check", datasetName: name }));
    expect(result.rowsRead).toBe(7);
    expect(result.good).toBe(3);
    expect(result.labels).toEqual({ negative: 1, positive: 1, neutral: 1 });
    expect(result.preview[0]).toEqual({ line: 2, text: "The refund never came, I am furious", label: "negative" });
    expect(result.problems).toEqual([
      { line: 5, reason: "the text column is empty" },
      { line: 6, reason: "expected 2 fields, found 3" },
      { line: 7, reason: "the text is 5200 characters long (the limit is 5120)" },
      { line: 8, reason: "the label column is empty" },
    ]);
    expect(result.imported).toBeUndefined();
    expect(await examplesIn(name)).toBe(-1);
  });

  it("refuses exactly the lines `npm run import` refuses, for the same reasons", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "csa-upload-")), "same.csv");
    fs.writeFileSync(file, WITH_BAD.join("\n"));
    const cli = await importCsv({ file, textColumn: "message", labelColumn: "sentiment", dataset: unique("cli"), skipBad: true });
    const web = await processLabelledUpload(records(WITH_BAD.join("\n")), upload({ mode: "check", datasetName: unique("web") }));
    expect(web.problems).toEqual(cli.skipped);
  });

  it("names a missing column, an empty file, a file that is not UTF-8, and one over the row limit", async () => {
    await expect(processLabelledUpload(records(GOOD.join("\n")), upload({ mode: "check", datasetName: unique("d"), labelColumn: "label" }))).rejects.toThrow(
      'Column "label" (label column) is not in the header; the columns are: message, sentiment.',
    );
    await expect(processLabelledUpload(records(""), upload({ mode: "check", datasetName: unique("d") }))).rejects.toThrow("The file is empty: it needs a header row.");
    const latin1 = Uint8Array.from([...Buffer.from("message,sentiment\ncaf"), 0xe9, ...Buffer.from(",positive\n")]);
    await expect(processLabelledUpload(records(latin1), upload({ mode: "check", datasetName: unique("d") }))).rejects.toThrow("not UTF-8");
    const tooMany = ["message,sentiment", ...Array.from({ length: MAX_UPLOAD_ROWS + 1 }, (_, i) => `text ${i},neutral`)].join("\n");
    await expect(processLabelledUpload(records(tooMany), upload({ mode: "check", datasetName: unique("d") }))).rejects.toThrow(
      `The file has more than 100,000 rows (line ${MAX_UPLOAD_ROWS + 2})`,
    );
  });

  it("reads other delimiters", async () => {
    const result = await processLabelledUpload(records(GOOD.map((l) => l.replace(/,(?=[a-z]+$)/, ";")).join("\n"), ";"), upload({ mode: "check", delimiter: ";", datasetName: unique("d") }));
    expect(result).toMatchObject({ good: 3, problems: [] });
  });
});

describe("importing an upload", () => {
  it("writes nothing while any line is refused, and the good lines when told to skip the bad", async () => {
    const name = unique("upload");
    await expect(processLabelledUpload(records(WITH_BAD.join("\n")), upload({ mode: "import", datasetName: name }))).rejects.toThrow(
      "4 row(s) cannot be read, so nothing was imported (tick “Skip bad lines” to import the rest).",
    );
    expect(await examplesIn(name)).toBe(-1);
    const result = await processLabelledUpload(records(WITH_BAD.join("\n")), upload({ mode: "import", datasetName: name, skipBad: "true" }));
    expect(result.imported).toEqual({ dataset: name, examples: 3 });
    expect(await examplesIn(name)).toBe(3);
    const [d] = await getDb().select().from(datasets).where(eq(datasets.name, name));
    expect(d.kind).toBe("import");
  });

  it("adds to a dataset of the company's own, but never to the demo text, and refuses a name already taken", async () => {
    const name = unique("own");
    await processLabelledUpload(records(GOOD.join("\n")), upload({ mode: "import", datasetName: name }));
    const own = await ensureDataset({ name, kind: "import" });
    const added = await processLabelledUpload(records(GOOD.join("\n")), upload({ mode: "import", datasetId: String(own.id) }));
    expect(added.imported).toEqual({ dataset: name, examples: 3 });
    expect(await examplesIn(name)).toBe(6);

    await expect(processLabelledUpload(records(GOOD.join("\n")), upload({ mode: "import", datasetName: name.toUpperCase() }))).rejects.toThrow(/already exists/);
    const demo = await ensureDataset({ name: "Demo examples", kind: "demo" });
    const demoBefore = await examplesIn("Demo examples");
    await expect(processLabelledUpload(records(GOOD.join("\n")), upload({ mode: "import", datasetId: String(demo.id) }))).rejects.toThrow(/kept by the app itself/);
    expect(await examplesIn("Demo examples")).toBe(demoBefore);
  });

  it("imports 100,000 rows in one go, reporting progress while it writes, and the dataset trains a model", async () => {
    const name = unique("big");
    const labels = ["negative", "neutral", "positive"];
    const words = { negative: "awful broken refund late", neutral: "invoice address question when", positive: "thanks great quick helpful" } as Record<string, string>;
    const lines = ["message,sentiment", ...Array.from({ length: MAX_UPLOAD_ROWS }, (_, i) => `${words[labels[i % 3]]} case ${i},${labels[i % 3]}`)];
    const seen: string[] = [];
    let written = 0;
    const result = await processLabelledUpload(records(lines.join("\n")), upload({ mode: "import", datasetName: name }), (phase, done) => {
      seen.push(phase);
      if (phase === "writing") written = done;
    });
    expect(result.imported).toEqual({ dataset: name, examples: MAX_UPLOAD_ROWS });
    expect(seen).toContain("checking");
    expect(written).toBe(MAX_UPLOAD_ROWS);
    expect(await examplesIn(name)).toBe(MAX_UPLOAD_ROWS);

    const small = unique("small");
    await processLabelledUpload(records(lines.slice(0, 601).join("\n")), upload({ mode: "import", datasetName: small }));
    const id = (await ensureDataset({ name: small, kind: "import" })).id;
    const run = await queueTrainingRun({ algorithm: "nb", train: { datasetIds: [id], includeCorrections: false }, test: { kind: "holdout", percent: 20 } }, null);
    await drainTrainingQueue();
    const v = (await getModelVersion({ id: run.id }))!;
    expect(v.status).toBe("succeeded");
    expect((v.metrics as { testSources: Record<string, number> }).testSources).toEqual({ import: 120 });
  });
});
