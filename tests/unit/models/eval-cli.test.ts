import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inputFolder, runScript } from "../../support/script-cli";
import { THREE_CLASS } from "./fixtures";

function csv(rows: string[][]): string {
  return rows.map((r) => r.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",")).join("\n") + "\n";
}

const runEval = (args: string[]) => runScript("scripts/eval.ts", args, 60_000);

const input = inputFolder("eval-cli-", (dir) => {
  const rows = THREE_CLASS.texts.map((t, i) => [String(i), t, THREE_CLASS.labels[i]]);
  writeFileSync(path.join(dir, "train.csv"), csv([["id", "message", "mood"], ...rows]));
  writeFileSync(path.join(dir, "test.csv"), csv([["id", "message", "mood"], ["1", "great support, thank you", "positive"], ["2", "rude and terrible", "negative"]]));
  writeFileSync(path.join(dir, "unseen.csv"), csv([["id", "message", "mood"], ["1", "whatever", "confused"]]));
  writeFileSync(path.join(dir, "semi.txt"), "message;mood\n" + THREE_CLASS.texts.map((t, i) => `${t.replace(/;/g, "")};${THREE_CLASS.labels[i]}`).join("\n"));
});

describe("scripts/eval.ts", () => {
  it("prints one JSON object for train/test evaluation", () => {
    const { code, stdout } = runEval(["--train", path.join(input.path, "train.csv"), "--test", path.join(input.path, "test.csv"), "--text-column", "message", "--label-column", "mood", "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    for (const key of ["accuracy", "macroF1", "perClass", "confusion", "labels", "trainMs", "predictPerSec", "nTrain", "nTest"]) expect(result).toHaveProperty(key);
    expect(result.nTrain).toBe(THREE_CLASS.texts.length);
    expect(result.nTest).toBe(2);
    expect(result.labels).toEqual(["negative", "neutral", "positive"]);
  });

  it("cross-validates with --folds, a custom delimiter and parameters", () => {
    const { code, stdout } = runEval([
      "--train", path.join(input.path, "semi.txt"), "--folds", "3", "--delimiter", ";", "--text-column", "message", "--label-column", "mood",
      "--algorithm", "cnb", "--param", "alpha=0.5", "--json",
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.folds).toBe(3);
    expect(result.nTest).toBe(THREE_CLASS.texts.length);
    expect(result.params).toEqual({ alpha: "0.5" });
  });

  it("prints a readable table without --json", () => {
    const { code, stdout } = runEval(["--train", path.join(input.path, "train.csv"), "--folds", "2", "--text-column", "message", "--label-column", "mood"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/macro-F1/);
    expect(stdout).toMatch(/confusion \(rows = true, columns = predicted\)/);
  });

  it("exits with code 2 on bad arguments", () => {
    const missing = runEval(["--train", path.join(input.path, "train.csv"), "--text-column", "message", "--label-column", "mood"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/give --test FILE or --folds K/);
    expect(runEval(["--train", "x.csv", "--folds", "1", "--text-column", "a", "--label-column", "b"]).code).toBe(2);
    expect(runEval(["--train", path.join(input.path, "train.csv"), "--folds", "2", "--text-column", "a", "--label-column", "mood"]).stderr).toMatch(
      /no column "a"; columns are: id, message, mood/,
    );
    expect(runEval(["--bogus"]).code).toBe(2);
    const badParam = runEval(["--train", path.join(input.path, "train.csv"), "--folds", "2", "--text-column", "message", "--label-column", "mood", "--param", "alpha=-1"]);
    expect(badParam.code).toBe(2);
    expect(badParam.stderr).toMatch(/alpha/);
    expect(runEval(["--train", path.join(input.path, "train.csv"), "--folds", "2", "--text-column", "message", "--label-column", "mood", "--param", "nonsense"]).code).toBe(2);
  });

  it("fails clearly when the test set has labels the model never saw", () => {
    const { code, stderr } = runEval(["--train", path.join(input.path, "train.csv"), "--test", path.join(input.path, "unseen.csv"), "--text-column", "message", "--label-column", "mood"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/never saw in training: confused/);
  });
});
