// The charts' sentiment colours: told apart by people with the common colour-vision
// deficiencies, and rendered at all (Tremor builds its class names at run time, so only
// safelisted colours reach the CSS).
import colors from "tailwindcss/colors";
import { describe, expect, it } from "vitest";
import { PICKED_SERIES_COLOURS, SENTIMENT_COLOURS } from "@/components/charts/palette";
import tailwindConfig from "@/tailwind.config";

// Machado, Oliveira & Fernandes (2009), full severity, on linear RGB.
const VISION: Record<string, number[][]> = {
  typical: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** CIELAB (D65) of a colour as someone with the given vision sees it. */
function seenAs(hex: string, vision: number[][]): [number, number, number] {
  const rgb = [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255));
  const [r, g, b] = vision.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])));
  const xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  const [fx, fy, fz] = xyz.map((t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116));
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

// Tremor draws lines, areas and bars in shade 500.
const shade500 = (name: string) => (colors as unknown as Record<string, Record<string, string>>)[name]["500"];

describe("sentiment chart colours", () => {
  it("stay clearly apart for typical, red-blind, green-blind and blue-blind vision", () => {
    const names = Object.values(SENTIMENT_COLOURS);
    for (const [vision, matrix] of Object.entries(VISION)) {
      const lab = names.map((n) => seenAs(shade500(n), matrix));
      for (let i = 0; i < lab.length; i++) {
        for (let j = i + 1; j < lab.length; j++) {
          // ΔE*ab 35: far beyond "just noticeable" (~2.3); the old rose/emerald pair was 19 apart for green-blind eyes.
          expect(distance(lab[i], lab[j]), `${names[i]} vs ${names[j]}, ${vision}`).toBeGreaterThan(35);
        }
      }
    }
  });

  it("are safelisted, so Tremor's fill, stroke and legend classes exist", () => {
    const patterns = (tailwindConfig.safelist ?? []).flatMap((s) => (typeof s === "string" ? [] : [s.pattern]));
    for (const name of Object.values(SENTIMENT_COLOURS)) {
      for (const cls of [`fill-${name}-500`, `stroke-${name}-500`, `bg-${name}-500`]) {
        expect(patterns.some((p) => p.test(cls)), cls).toBe(true);
      }
    }
  });
});

describe("colours of the categories a reader picks to compare", () => {
  it("stay apart for typical, red-blind, green-blind and blue-blind vision", () => {
    for (const [vision, matrix] of Object.entries(VISION)) {
      const lab = PICKED_SERIES_COLOURS.map((n) => seenAs(shade500(n), matrix));
      for (let i = 0; i < lab.length; i++) {
        for (let j = i + 1; j < lab.length; j++) {
          // Billing and Plan Changes were orange and amber, 12 apart even for typical vision.
          expect(distance(lab[i], lab[j]), `${PICKED_SERIES_COLOURS[i]} vs ${PICKED_SERIES_COLOURS[j]}, ${vision}`).toBeGreaterThan(35);
        }
      }
    }
  });
});
