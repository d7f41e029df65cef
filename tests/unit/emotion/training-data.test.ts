// Reading labelled emotion files and the built-in model's artifact.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/platform/errors";
import { loadBuiltinEmotionBackend, readEmotionArtifact, trainEmotionModel, writeEmotionArtifact } from "@/lib/emotion/builtin-model";
import { readEmotionDataset } from "@/lib/emotion/training-data";
import { EMOTIONS, SIX_EMOTIONS } from "@/models/emotion/labels";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-emotion-data-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

/** A sample data file in ./fixtures. */
const sample = (name: string) => path.join(__dirname, "fixtures", name);

describe("readEmotionDataset: six-label text;label files", () => {
  it("reads names and CARER class ids, skips bad rows with their line numbers", async () => {
    // The sample has a header, a ";" inside the text on line 4, a class id on line 5
    // (4 = fear), three bad rows and an empty line.
    const data = await readEmotionDataset(sample("six-labels.txt"));
    expect(data.format).toBe("six");
    expect(data.labels).toEqual(["sadness", "joy", "surprise", "fear", "love", "anger"]);
    expect(data.texts[2]).toBe("that; that was unexpected");
    expect(data.skipped).toEqual([
      { line: 6, reason: "expected text;label" },
      { line: 7, reason: 'unknown label "boredom" for the six-label set' },
      { line: 8, reason: "empty text" },
    ]);
    expect(Object.keys(data.counts)).toEqual([...SIX_EMOTIONS]);
    expect(data.counts.joy).toBe(1);
  });

  it("reads a file without a header", async () => {
    const data = await readEmotionDataset(file("noheader.txt", "i am happy;joy\ni am sad;sadness\n"), "six");
    expect(data.texts).toEqual(["i am happy", "i am sad"]);
  });

  it("refuses a file with fewer than two labels, or no file", async () => {
    await expect(readEmotionDataset(file("one.txt", "a;joy\nb;joy\n"))).rejects.toThrow(/at least two labels/);
    await expect(readEmotionDataset(path.join(dir, "missing.txt"))).rejects.toThrow(AppError);
  });
});

describe("readEmotionDataset: thirteen-label CSV", () => {
  it("detects the format by its header and reads content and sentiment", async () => {
    // With Windows line endings, as spreadsheets export CSV.
    const data = await readEmotionDataset(file("te.csv", fs.readFileSync(sample("thirteen-labels.csv"), "utf8").replaceAll("\n", "\r\n")));
    expect(data.format).toBe("thirteen");
    expect(data.texts).toEqual(["I hope the exam, tomorrow, goes ok", "sunny day at last"]);
    expect(data.labels).toEqual(["worry", "happiness"]);
    expect(data.skipped.map((s) => s.line)).toEqual([4, 5, 6]);
  });

  it("needs the content and sentiment columns", async () => {
    await expect(readEmotionDataset(file("bad.csv", "id,label,text\n1,joy,hi\n"), "thirteen")).rejects.toThrow(/"content" and "sentiment"/);
  });
});

describe("built-in model artifact", () => {
  const texts = ["i am so happy", "what a great day", "i feel glad", "i am sad", "so lonely and sad", "i miss her, sad", "i am furious", "this makes me angry", "so mad at them"];
  const labels = ["joy", "joy", "joy", "sadness", "sadness", "sadness", "anger", "anger", "anger"];

  it("round-trips through its file with the same predictions and a stable id", async () => {
    const trained = await trainEmotionModel(texts, labels, { source: "/data/tiny-set.txt" });
    expect(trained.artifact.modelId).toMatch(/^csa-emotion\/svm-tiny-set@[0-9a-f]{8}$/);
    expect(trained.artifact.labels).toEqual(["anger", "joy", "sadness"]);
    const p = path.join(dir, "nested", "model.json");
    writeEmotionArtifact(p, trained.artifact);
    const loaded = await readEmotionArtifact(p);
    expect(loaded.artifact.modelId).toBe(trained.artifact.modelId);
    expect(loaded.classifier.predict("angry and mad").scores).toEqual(trained.classifier.predict("angry and mad").scores);

    const { backend, origin } = await loadBuiltinEmotionBackend({ artifactPath: p });
    expect(origin).toBe("artifact");
    expect(backend.id).toBe(trained.artifact.modelId);
    expect(backend.labels).toEqual(["anger", "joy", "sadness"]);
  });

  it("serves the shipped model, with neutral, when there is no artifact", async () => {
    const { backend, origin, artifact } = await loadBuiltinEmotionBackend({ artifactPath: path.join(dir, "absent.json") });
    expect(origin).toBe("shipped");
    expect(artifact.source).toMatch(/GoEmotions/);
    expect([...backend.labels].sort()).toEqual([...EMOTIONS].sort());
  });

  it("trains from demo data only when the shipped model is missing too", async () => {
    const { backend, origin, artifact } = await loadBuiltinEmotionBackend({
      artifactPath: path.join(dir, "absent.json"),
      shippedPath: path.join(dir, "absent.json.gz"),
      demoExamples: 600,
    });
    expect(origin).toBe("demo");
    expect(artifact.source).toBe("demo generator (600 examples)");
    expect(backend.labels).toContain("anger");
  });

  it("refuses a file that is not an emotion model", async () => {
    await expect(readEmotionArtifact(file("other.json", '{"algorithm":"nb"}'))).rejects.toThrow(/not an emotion model/);
    await expect(readEmotionArtifact(file("garbage.json", "{"))).rejects.toThrow(/cannot read the emotion model/);
  });
});
