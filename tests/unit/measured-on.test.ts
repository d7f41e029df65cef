// What a version's test figures were measured on, in the words the models page shows.
import { describe, expect, it } from "vitest";
import { measuredOn } from "@/lib/training/measured-on";

const kinds = new Map([
  [1, "demo" as const],
  [2, "import" as const],
  [3, "corrections" as const],
]);
const holdout = { kind: "holdout", percent: 20, seed: 42 };

describe("measuredOn", () => {
  it("says a version tested on generated demo text only was not tested on real messages", () => {
    const v = { trainSelection: { datasetIds: [1], includeCorrections: false }, testSelection: holdout, nTest: 1200, metrics: { testSources: { demo: 1200 } } };
    expect(measuredOn(v, kinds)).toEqual({ text: "1,200 generated demo texts held out from its training data, not real customer messages", generated: "all" });
  });

  it("names the shipped model's test data, real text that is not the company's own", () => {
    const shipped = { trainSelection: { source: "GoEmotions …" }, testSelection: { source: "Airline tweets: real customer complaints" }, nTest: 11544, metrics: { macroF1: 0.62 } };
    expect(measuredOn(shipped, kinds)).toEqual({ text: "11,544 texts, Airline tweets: real customer complaints — real text, but not your own customers' messages", generated: "none" });
    expect(measuredOn({ ...shipped, testSelection: { source: "not measured" } }, kinds).generated).toBe("unknown");
  });

  it("names the company's own rows and the generated ones apart", () => {
    const v = { trainSelection: { datasetIds: [1, 2], includeCorrections: true }, testSelection: holdout, nTest: 40, metrics: { testSources: { corrections: 12, import: 20, demo: 8 } } };
    expect(measuredOn(v, kinds)).toEqual({ text: "40 examples held out from its training data: 12 reviewed requests, 20 imported examples and 8 generated demo texts", generated: "part" });
    const own = { ...v, testSelection: { kind: "dataset", datasetIds: [2] }, metrics: { testSources: { import: 40 } } };
    expect(measuredOn(own, kinds)).toEqual({ text: "40 examples of your own from a separate dataset: 40 imported examples", generated: "none" });
  });

  it("infers it from the datasets' kinds for versions trained before the counts were recorded", () => {
    const v1 = { trainSelection: { datasetIds: [1], includeCorrections: false }, testSelection: holdout, nTest: 1200, metrics: { accuracy: 0.93 } };
    expect(measuredOn(v1, kinds).generated).toBe("all");
    expect(measuredOn({ ...v1, trainSelection: { datasetIds: [1], includeCorrections: true } }, kinds)).toEqual({
      text: "1,200 examples held out from its training data, partly generated demo text",
      generated: "part",
    });
    expect(measuredOn({ ...v1, testSelection: { kind: "dataset", datasetIds: [2] } }, kinds).generated).toBe("none");
  });
});
