// npm run eval:calibration on a data folder the test writes itself (the real sets live in
// ../shared/data and are not needed here): the shipped models, scored and measured.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CALIBRATION_MESSAGES } from "../../fixtures/call-centre-calibration";
import { inputFolder, runScript } from "../../support/script-cli";

const data = inputFolder("eval-calibration-", (dir) => {
  mkdirSync(path.join(dir, "airline-tweets"));
  writeFileSync(
    path.join(dir, "airline-tweets", "tweets.csv"),
    [
      "tweet_id,airline_sentiment,text",
      "1,negative,@airline lost my bag again and nobody answers the phone",
      "2,positive,@airline thanks for the upgrade the crew was wonderful",
      "3,neutral,@airline what time does the first flight to Boston leave",
    ].join("\n") + "\n",
  );
});
const run = (args: string[]) => runScript("scripts/eval-calibration.ts", args);

describe("scripts/eval-calibration.ts", () => {
  it("measures the shipped sentiment model on every data set it finds", () => {
    const { code, stdout } = run(["--data", data.path, "--only", "sentiment", "--json"]);
    expect(code).toBe(0);
    const { results } = JSON.parse(stdout) as { results: { set: string; n: number; accuracy: number; calibration: { ece: number; bins: unknown[] } }[] };
    // No GoEmotions or support tickets in this folder: those sets are skipped.
    expect(results.map((r) => r.set)).toEqual(["airline tweets", "call-centre messages (tests)"]);
    expect(results[0].n).toBe(3);
    expect(results[1].n).toBe(CALIBRATION_MESSAGES.length);
    for (const r of results) {
      expect(r.calibration.bins).toHaveLength(10);
      expect(r.calibration.ece).toBeGreaterThanOrEqual(0);
      expect(r.calibration.ece).toBeLessThanOrEqual(1);
    }
  });

  it("prints a reliability table without --json", () => {
    const { code, stdout } = run(["--data", data.path, "--only", "sentiment"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ECE/);
    expect(stdout).toMatch(/sentiment, airline tweets: reliability/);
  });

  it("names a missing model file", () => {
    const { code, stderr } = run(["--data", data.path, "--sentiment", path.join(data.path, "nope.json.gz"), "--only", "sentiment"]);
    expect(code).toBe(2);
    expect(stderr).toContain("no sentiment model at");
  });
});
