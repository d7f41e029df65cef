import { describe, expect, it } from "vitest";
import { describeSelection } from "@/lib/training/describe";

const names = { datasets: new Map([[1, "Demo examples"], [4, "Airline tweets"]]), categories: new Map([[2, "Billing"], [3, "Payments"]]) };

describe("describeSelection", () => {
  it("says in words what a run trained and tested on", () => {
    expect(describeSelection({ datasetIds: [1], includeCorrections: true }, { kind: "holdout", percent: 20, seed: 42 }, names)).toEqual({
      train: "Demo examples + supervisor corrections · all categories",
      test: "20 % held out of the training data (seed 42)",
    });
    expect(
      describeSelection({ datasetIds: [1, 4], categoryIds: [2, 3], from: "2026-10-01T00:00:00.000Z", includeCorrections: false }, { kind: "time", splitAt: "2026-11-01T00:00:00.000Z" }, names),
    ).toEqual({
      train: "Demo examples, Airline tweets · Billing, Payments · from 2026-10-01",
      test: "time split: trained on examples before 2026-11-01, tested on those from then on",
    });
    expect(describeSelection({ datasetIds: [9], includeCorrections: false }, { kind: "dataset", datasetIds: [4] }, names)).toEqual({
      train: "dataset #9 · all categories",
      test: "separate dataset: Airline tweets",
    });
  });

  it("names a run on the supervisors' labels alone, and a cap on the demo rows", () => {
    expect(describeSelection({ datasetIds: [], includeCorrections: true }, { kind: "holdout", percent: 20, seed: 42 }, names).train).toBe("supervisor corrections · all categories");
    expect(describeSelection({ datasetIds: [1, 4], includeCorrections: true, demoLimit: 40 }, { kind: "holdout", percent: 20, seed: 42 }, names).train).toBe(
      "Demo examples, Airline tweets + supervisor corrections · at most 40 demo rows, as a prior · all categories",
    );
  });

  it("names the shipped model's data in its own words, not as a run on the supervisors' labels", () => {
    expect(describeSelection({ source: "GoEmotions + generated requests" }, { source: "Airline tweets" }, names)).toEqual({ train: "GoEmotions + generated requests", test: "Airline tweets" });
  });

  it("says so when a selection is missing or unreadable", () => {
    expect(describeSelection(null, { kind: "nope" }, names)).toEqual({ train: "not recorded", test: "not recorded" });
  });
});
