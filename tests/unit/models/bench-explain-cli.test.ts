// npm run bench:explain: the deletion test of the highlighted words (figures in BENCHMARKS.md).
// Here only what a person running it relies on: a clear message when the shared data is
// missing, and the figures it prints on a file of messages.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CALL_CENTRE_MESSAGES } from "../../fixtures/call-centre-messages";
import { inputFolder, runScript } from "../../support/script-cli";

const input = inputFolder("bench-explain-", (dir) => {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(path.join(dir, "messages.csv"), ["id,message", ...CALL_CENTRE_MESSAGES.map((m, i) => `${i},${quote(m.text)}`)].join("\n") + "\n");
});
const runBench = (args: string[]) => runScript("scripts/bench-explain.ts", args);

describe("scripts/bench-explain.ts", () => {
  it("says clearly that the data file is missing, and measures nothing", () => {
    const missing = path.join(input.path, "no-such-tweets.csv");
    const { code, stdout, stderr } = runBench(["--file", missing]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${missing} does not exist`);
    expect(stderr).toContain("../shared/data/README.md");
  });

  it("prints the drop of the highlighted words against random words as JSON", () => {
    const { code, stdout } = runBench(["--file", path.join(input.path, "messages.csv"), "--text-column", "message", "--json", "--draws", "3"]);
    const result = JSON.parse(stdout);
    expect(result.messages).toBe(CALL_CENTRE_MESSAGES.length);
    expect(result.measured + result.unexplained).toBe(CALL_CENTRE_MESSAGES.length);
    expect(result.meanDropTopMarks).toBeGreaterThan(result.meanDropRandomSameWords);
    expect(result.ratioSameWords).toBeCloseTo(result.meanDropTopMarks / result.meanDropRandomSameWords, 9);
    expect(code).toBe(result.pass ? 0 : 1);
  });
});
