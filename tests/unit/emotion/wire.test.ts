import { describe, expect, it } from "vitest";
import { encodeInputs, normalizeClassification, WireFormatError } from "@/lib/emotion/wire";

const a = { label: "joy", score: 0.2 };
const b = { label: "anger", score: 0.8 };

describe("normalizeClassification", () => {
  it("keeps one list per input and sorts each by score", () => {
    expect(normalizeClassification([[a, b]], 1)).toEqual([[b, a]]);
    expect(normalizeClassification([[a], [b]], 2)).toEqual([[a], [b]]);
  });

  it("wraps a flat list for a single input (Text Embeddings Inference)", () => {
    expect(normalizeClassification([a, b], 1)).toEqual([[b, a]]);
  });

  it("reads a flat list with one object per input as each input's best label", () => {
    expect(normalizeClassification([a, b, a], 3)).toEqual([[a], [b], [a]]);
  });

  it("refuses anything else, and a count that does not match the inputs", () => {
    for (const body of [{}, [], [[]], "joy", [[{ label: "joy" }]], [[{ label: "joy", score: "1" }]]]) {
      expect(() => normalizeClassification(body, 1)).toThrow(WireFormatError);
    }
    expect(() => normalizeClassification([[a]], 2)).toThrow(/1 result lists for 2 inputs/);
    expect(() => normalizeClassification([a, b], 3)).toThrow(WireFormatError);
  });
});

describe("encodeInputs", () => {
  it("sends one text as a string and a batch in the service's shape", () => {
    expect(encodeInputs(["x"], "hf")).toBe("x");
    expect(encodeInputs(["x"], "tei")).toBe("x");
    expect(encodeInputs(["x", "y"], "hf")).toEqual(["x", "y"]);
    expect(encodeInputs(["x", "y"], "tei")).toEqual([["x"], ["y"]]);
  });
});
