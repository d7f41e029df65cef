// "Score a CSV" on a real database and a real emotion server: the same rows back, in order,
// with sentiment from the active model and emotion from the service; "pending" when the
// service is down; spreadsheet formulas in the file's cells defused; bad files refused with
// their line numbers; nothing written to the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examples, predictions, tasks } from "@/db/schema";
import { createEmotionClient } from "@/lib/emotion/client";
import { uploadedCsv } from "../support/csv-upload";
import { EMOTION_PENDING, MAX_SCORE_ROWS, scoreCsv, SCORE_COLUMNS } from "@/lib/import/score-csv";
import { analyzeSentiment } from "@/lib/sentiment/analyze";
import { CsvParser } from "@/models/text/csv";
import { startEmotionServer, unusedPort, type RunningServer } from "../support/emotion-servers";
import { freshDemoDatabase } from "../support/demo-db";
import { rowCounts } from "../support/row-counts";

let emotionServer: RunningServer;
let emotions: (texts: string[]) => ReturnType<ReturnType<typeof createEmotionClient>["classifyDetailed"]>;

const records = uploadedCsv;
const parse = (csv: string, delimiter = ",") => {
  const p = new CsvParser(delimiter);
  return [...p.push(csv), ...p.end()].map((r) => r.fields);
};

const databaseRows = () => rowCounts({ tasks, predictions, examples });

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 20, examples: 600 });
  emotionServer = await startEmotionServer();
  const client = createEmotionClient({ url: emotionServer.url, timeoutMs: 10_000 });
  emotions = (texts) => client.classifyDetailed(texts);
});

afterAll(async () => {
  await emotionServer?.close();
});

const FILE = [
  "id,message,channel",
  '1,"The refund never came, and nobody answers",email',
  "2,Thank you so much for the quick help,chat",
  '3,"=HYPERLINK(""http://evil.example"",""click"")",web',
  "4,,phone",
  "5,When is my next invoice due?,-1",
].join("\n");

describe("scoring a CSV", () => {
  it("returns the same rows in order with the four columns added, and writes nothing to the database", async () => {
    const before = await databaseRows();
    const result = await scoreCsv(records(FILE), { delimiter: ",", textColumn: "message" }, { emotions });
    expect(await databaseRows()).toEqual(before);
    expect(result).toMatchObject({ rows: 5, scored: 4, emotionPending: 0 });

    const out = parse(result.csv);
    expect(out[0]).toEqual(["id", "message", "channel", ...SCORE_COLUMNS]);
    expect(out.slice(1).map((r) => r[0])).toEqual(["1", "2", "3", "4", "5"]);
    expect(out[1].slice(0, 3)).toEqual(["1", "The refund never came, and nobody answers", "email"]);
    const expected = await analyzeSentiment("The refund never came, and nobody answers");
    expect(out[1][3]).toBe(expected.label);
    expect(Number(out[1][4])).toBeCloseTo(expected.confidence, 3);
    for (const row of [out[1], out[2], out[3], out[5]]) {
      expect(["negative", "neutral", "positive"]).toContain(row[3]);
      expect(row[5]).not.toBe("");
      expect(row[5]).not.toBe(EMOTION_PENDING);
      expect(Number(row[6])).toBeGreaterThan(0);
    }
    // An empty text keeps its row, with empty scores.
    expect(out[4]).toEqual(["4", "", "phone", "", "", "", ""]);
  });

  it("defuses spreadsheet formulas in the file's own cells, as every export does", async () => {
    const out = parse((await scoreCsv(records(FILE), { delimiter: ",", textColumn: "message" }, { emotions })).csv);
    expect(out[3][1]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(out[5][2]).toBe("'-1");
    const header = parse((await scoreCsv(records("=cmd,message\nx,hello there"), { delimiter: ",", textColumn: "message" }, { emotions })).csv)[0];
    expect(header[0]).toBe("'=cmd");
  });

  it("keeps the file's delimiter", async () => {
    const result = await scoreCsv(records("message;id\nThanks a lot;7\n", ";"), { delimiter: ";", textColumn: "message" }, { emotions });
    expect(parse(result.csv, ";")[1].slice(0, 2)).toEqual(["Thanks a lot", "7"]);
  });

  it("still scores the file when the emotion service is down, with emotion pending", async () => {
    const down = createEmotionClient({ url: `http://127.0.0.1:${await unusedPort()}/`, timeoutMs: 2000, retries: 0 });
    const result = await scoreCsv(records(FILE), { delimiter: ",", textColumn: "message" }, { emotions: (t) => down.classifyDetailed(t) });
    expect(result.emotionPending).toBe(4);
    const out = parse(result.csv);
    expect(out[1][3]).not.toBe("");
    expect(out[1].slice(5)).toEqual([EMOTION_PENDING, ""]);
  });

  it("refuses a bad file whole, naming the lines, and a missing column or too many rows", async () => {
    const bad = ["id,message", "1,fine", '2,a "quote" inside', "3,too,many", `4,${"x".repeat(5200)}`].join("\n");
    await expect(scoreCsv(records(bad), { delimiter: ",", textColumn: "message" }, { emotions })).rejects.toThrow(
      /^3 row\(s\) cannot be read, so nothing was scored: line 3: malformed CSV: a quote inside an unquoted field .*; line 4: expected 2 fields, found 3; line 5: the text is 5200 characters long/,
    );
    await expect(scoreCsv(records("id,body\n1,x"), { delimiter: ",", textColumn: "message" }, { emotions })).rejects.toThrow(
      'Column "message" (text column) is not in the header; the columns are: id, body.',
    );
    const tooMany = ["message", ...Array.from({ length: MAX_SCORE_ROWS + 1 }, (_, i) => `text ${i}`)].join("\n");
    await expect(scoreCsv(records(tooMany), { delimiter: ",", textColumn: "message" }, { emotions })).rejects.toThrow(
      `The file has more than 50,000 rows (line ${MAX_SCORE_ROWS + 2})`,
    );
  });

  it("scores 50,000 rows, reporting progress", async () => {
    const lines = ["message", ...Array.from({ length: MAX_SCORE_ROWS }, (_, i) => (i % 2 ? `the parcel ${i} arrived late and broken` : `thanks for fixing order ${i}`))];
    const phases = new Map<string, number>();
    const result = await scoreCsv(records(lines.join("\n")), { delimiter: ",", textColumn: "message" }, { emotions, progress: (phase, done) => phases.set(phase, done) });
    expect(result).toMatchObject({ rows: MAX_SCORE_ROWS, scored: MAX_SCORE_ROWS, emotionPending: 0 });
    expect(phases.get("sentiment")).toBe(MAX_SCORE_ROWS);
    expect(phases.get("emotion")).toBe(MAX_SCORE_ROWS);
    expect(parse(result.csv)).toHaveLength(MAX_SCORE_ROWS + 1);
  });
});
