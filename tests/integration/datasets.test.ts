import { beforeAll, describe, expect, it } from "vitest";
import { ensureDataset, insertExampleStatements, listDatasetsWithCounts } from "@/db/queries/datasets";
import { getDb } from "@/db/client";
import { freshDemoDatabase } from "../support/demo-db";

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 50, examples: 600 });
});

describe("datasets on the models page", () => {
  it("counts each dataset's own examples, an empty dataset included", async () => {
    const small = await ensureDataset({ name: "Small import", kind: "import", description: "three rows" });
    await ensureDataset({ name: "Empty import", kind: "import", description: "nothing yet" });
    const rows = ["a refund request", "thanks a lot", "where is my order"].map((text, i) => ({ datasetId: small.id, text, label: ["negative", "positive", "neutral"][i] }));
    const statements = insertExampleStatements(rows);
    await getDb().batch(statements as [(typeof statements)[number], ...typeof statements]);
    const counts = Object.fromEntries((await listDatasetsWithCounts()).map((d) => [d.name, d.examples]));
    expect(counts["Small import"]).toBe(3);
    expect(counts["Empty import"]).toBe(0);
    expect(Object.values(counts).some((n) => n === 600)).toBe(true); // the demo examples
  });
});
