import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { datasets, examples, tasks } from "@/db/schema";
import { importCsv } from "@/lib/import/import-csv";
import { unique } from "../support/temp-db";
import { eq } from "drizzle-orm";
import { freshDemoDatabase } from "../support/demo-db";
import { rowCounts } from "../support/row-counts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-import-"));
function csv(name: string, body: string): string {
  const file = path.join(dir, `${name}.csv`);
  fs.writeFileSync(file, body);
  return file;
}
const header = "id,sentiment,carrier,who,text,created\n";
const good = [
  '1,negative,Blue Air,ann,"my bag never arrived, furious",2015-02-24 11:35:52 -0800',
  "2,positive,Blue Air,bob,thank you for the upgrade,2015-02-24 12:00:00 -0800",
  "3,neutral,Red Jet,ann,what time does boarding start,2015-02-25 08:00:00 -0800",
];
const columns = { textColumn: "text", labelColumn: "sentiment", categoryColumn: "carrier", accountColumn: "who", timeColumn: "created" };

const written = () => rowCounts({ examples, tasks, datasets });

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 50, examples: 600 });
});

describe("CSV import", () => {
  it("imports examples and tasks with category, account and time", async () => {
    const name = unique("good");
    const before = await written();
    const report = await importCsv({ file: csv(name, header + good.join("\n") + "\n"), ...columns, dataset: name, asTasks: true });
    expect(report).toMatchObject({ rowsRead: 3, examples: 3, tasks: 3, skipped: [] });
    const after = await written();
    expect(after.examples - before.examples).toBe(3);
    expect(after.tasks - before.tasks).toBe(3);
    const [dataset] = await getDb().select().from(datasets).where(eq(datasets.name, name));
    const rows = await getDb().select().from(examples).where(eq(examples.datasetId, dataset.id));
    expect(rows.map((r) => r.label).sort()).toEqual(["negative", "neutral", "positive"]);
    expect(rows.find((r) => r.label === "negative")?.occurredAt?.toISOString()).toBe("2015-02-24T19:35:52.000Z");
  });

  it("reports unreadable rows by line number and imports nothing", async () => {
    const body = header + [good[0], '4,negative,Blue Air,cy,"unclosed quote,2015-02-24', ""].join("\n");
    const bad = header + [good[0], "5,negative,Blue Air,cy,,2015-02-24", "6,positive,Red Jet,dd,fine,not a date", "7,too,few"].join("\n") + "\n";
    const before = await written();
    await expect(importCsv({ file: csv(unique("bad"), bad), ...columns })).rejects.toMatchObject({
      message: expect.stringMatching(/3 row\(s\) cannot be read, so nothing was imported/),
      details: {
        problems: [
          { line: 3, reason: "the text column is empty" },
          { line: 4, reason: expect.stringMatching(/"not a date" is not a date/) },
          { line: 5, reason: "expected 6 fields, found 3" },
        ],
      },
    });
    await expect(importCsv({ file: csv(unique("unclosed"), body), ...columns })).rejects.toMatchObject({
      details: { problems: [{ line: 3, reason: expect.stringMatching(/never closes/) }] },
    });
    expect(await written()).toEqual(before);
  });

  it("imports the readable rows with --skip-bad and lists the others", async () => {
    const body = header + [good[0], "5,negative,Blue Air,cy,,2015-02-24", good[1]].join("\n") + "\n";
    const report = await importCsv({ file: csv(unique("skip"), body), ...columns, skipBad: true });
    expect(report.examples).toBe(2);
    expect(report.skipped).toEqual([{ line: 3, reason: "the text column is empty" }]);
  });

  it("names a column that is not in the header", async () => {
    await expect(importCsv({ file: csv(unique("cols"), header + good[0]), ...columns, labelColumn: "airline_sentiment" })).rejects.toThrow(
      /Column "airline_sentiment" \(--label-column\) is not in the header; the columns are: id, sentiment/,
    );
  });
});
