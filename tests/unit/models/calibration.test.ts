import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, decodeFloat32, encodeFloat32 } from "@/models/artifact";
import { fitMacroF1Offsets, fitTemperature, meanNll, softmaxInto } from "@/models/classifiers/calibration";
import { fitLinearSvm } from "@/models/classifiers/linear-svm";
import type { CsrMatrix } from "@/models/text/features";

describe("temperature scaling", () => {
  it("softmax with temperature", () => {
    const out = new Float64Array(2);
    softmaxInto([Math.log(3), 0], 0, 2, 1, out);
    expect(out[0]).toBeCloseTo(3 / 4, 12);
    softmaxInto([2 * Math.log(3), 0], 0, 2, 2, out);
    expect(out[0]).toBeCloseTo(3 / 4, 12);
  });

  it("recovers the temperature of over-confident scores", () => {
    // Scores say 4 : 0 (softmax 0.982), but class 0 is right 88.1% of the time,
    // i.e. softmax(2 : 0) — the scores are twice too large: T = 2.
    const n = 1000;
    const logits = new Float64Array(2 * n);
    const y = new Int32Array(n);
    const p0 = 1 / (1 + Math.exp(-2));
    for (let r = 0; r < n; r++) {
      logits[2 * r] = 4;
      y[r] = r < Math.round(p0 * n) ? 0 : 1;
    }
    const T = fitTemperature(logits, y, 2);
    expect(T).toBeGreaterThan(1.95);
    expect(T).toBeLessThan(2.05);
    expect(meanNll(logits, y, 2, T)).toBeLessThan(meanNll(logits, y, 2, 1));
  });
});

describe("macro-F1 offsets", () => {
  it("moves the boundary so a small class is found", () => {
    // Class 1 rows score 0.5 below class 0, class 0 rows 2 below: argmax
    // always says 0. An offset for class 1 in (0.5, 2) separates them.
    const rows: [number, number, number][] = [];
    for (let i = 0; i < 20; i++) rows.push([2, 0, 0]);
    for (let i = 0; i < 5; i++) rows.push([0.5, 0, 1]);
    const logits = Float64Array.from(rows.flatMap(([a, b]) => [a, b]));
    const y = Int32Array.from(rows.map((r) => r[2]));
    const offsets = fitMacroF1Offsets(logits, y, 2, 3);
    expect(offsets[0]).toBe(0);
    expect(offsets[1]).toBeGreaterThan(0.5);
    expect(offsets[1]).toBeLessThan(2);
  });

  it("leaves offsets at 0 when the scores are already right", () => {
    const logits = Float64Array.from([1, 0, 0, 1, 1, 0, 0, 1]);
    const y = Int32Array.from([0, 1, 0, 1]);
    expect(Array.from(fitMacroF1Offsets(logits, y, 2, 3))).toEqual([0, 0]);
  });
});

describe("linear SVM", () => {
  it("separates linearly separable data", () => {
    // Feature 0 means class 0, feature 1 class 1; feature 2 is noise.
    const rows = [[0], [0, 2], [0], [1], [1, 2], [1]];
    const y = Int32Array.from([0, 0, 0, 1, 1, 1]);
    const rowPtr = [0];
    const colIdx: number[] = [];
    for (const r of rows) {
      colIdx.push(...r);
      rowPtr.push(colIdx.length);
    }
    const X: CsrMatrix = { rows: 6, cols: 3, rowPtr: Int32Array.from(rowPtr), colIdx: Int32Array.from(colIdx), values: new Float32Array(colIdx.length).fill(1) };
    const { weights, bias } = fitLinearSvm(X, y, 2, { C: 1, maxEpochs: 100, tolerance: 1e-4, balanced: false, biasFeature: 1, seed: 1 });
    rows.forEach((r, i) => {
      const score = (c: number) => bias[c] + r.reduce((s, f) => s + weights[f * 2 + c], 0);
      expect(score(y[i]) > score(1 - y[i])).toBe(true);
    });
    // The noise feature matters far less than the informative ones.
    expect(Math.abs(weights[2 * 2])).toBeLessThan(Math.abs(weights[0]));
  });
});

describe("artifact encoding", () => {
  it("base64 round-trips every length", () => {
    for (let len = 0; len < 10; len++) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 89 + 7) & 255);
      const encoded = bytesToBase64(bytes);
      expect(encoded.length % 4).toBe(0);
      expect(Array.from(base64ToBytes(encoded))).toEqual(Array.from(bytes));
    }
    expect(bytesToBase64(Uint8Array.from([77, 97, 110]))).toBe("TWFu");
  });

  it("float32 arrays round-trip bit-exactly", () => {
    const a = Float32Array.from([0, -1.5, Math.PI, 1e-30, -Infinity]);
    expect(Array.from(decodeFloat32(encodeFloat32(a)))).toEqual(Array.from(a));
    expect(() => decodeFloat32("!!!!")).toThrow(/invalid base64/);
  });
});
