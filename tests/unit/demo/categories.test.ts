import { describe, expect, it } from "vitest";
import { CATEGORIES, CATEGORY_NAMES, getCategory } from "@/lib/demo/generator/categories";

describe("categories", () => {
  it("are exactly the ten task categories", () => {
    expect(CATEGORY_NAMES).toEqual([
      "Accounts", "Billing", "Cancellations", "Client Concerns", "Help/Merge",
      "Payments", "Plan Changes", "Portal/Apps", "Reports", "Schedules",
    ]);
    expect(CATEGORIES.map((c) => c.name)).toEqual([...CATEGORY_NAMES]);
  });

  it("have unique URL-safe slugs, descriptions and normalised mixes", () => {
    const slugs = CATEGORIES.map((c) => c.slug);
    expect(new Set(slugs).size).toBe(10);
    for (const c of CATEGORIES) {
      expect(c.slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(c.description.length).toBeGreaterThan(10);
      const { negative, neutral, positive } = c.sentimentMix;
      expect(negative + neutral + positive).toBeCloseTo(1, 6);
      expect(getCategory(c.slug)).toBe(c);
      expect(getCategory(c.name)).toBe(c);
    }
    expect(() => getCategory("Nope")).toThrow();
  });

  it("average to about 45/30/25 and differ where expected", () => {
    const total = CATEGORIES.reduce((s, c) => s + c.volume, 0);
    const avg = (k: "negative" | "neutral" | "positive") =>
      CATEGORIES.reduce((s, c) => s + c.sentimentMix[k] * c.volume, 0) / total;
    expect(avg("negative")).toBeCloseTo(0.45, 1);
    expect(avg("neutral")).toBeCloseTo(0.3, 1);
    expect(avg("positive")).toBeCloseTo(0.25, 1);
    expect(getCategory("Billing").sentimentMix.negative).toBeGreaterThan(avg("negative"));
    expect(getCategory("Cancellations").sentimentMix.negative).toBeGreaterThan(avg("negative"));
    const mostNeutral = [...CATEGORIES].sort((a, b) => b.sentimentMix.neutral - a.sentimentMix.neutral)[0];
    expect(mostNeutral.name).toBe("Reports");
  });
});
