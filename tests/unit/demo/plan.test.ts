import { describe, expect, it } from "vitest";
import { getCategory } from "@/lib/demo/generator/categories";
import { isConsistent } from "@/lib/demo/generator/emotions";
import { atRiskAccountIndexes, planDemo, sentimentMixAt, type DemoTaskSpec, type PlanDemoOptions } from "@/lib/demo/generator/plan";

const NOW = new Date("2025-06-02T12:00:00Z");
const DAY = 86_400_000;
const base: PlanDemoOptions = { seed: 7, tasks: 10_000, accounts: 1_000, days: 90, now: NOW };

function collect(opts: PlanDemoOptions): DemoTaskSpec[] {
  return [...planDemo(opts)];
}

describe("planDemo", () => {
  const tasks = collect(base);

  it("yields exactly `tasks` specs and is deterministic per seed", () => {
    expect(tasks).toHaveLength(10_000);
    expect(collect({ ...base, tasks: 300 })).toEqual(collect({ ...base, tasks: 300 }));
    const other = collect({ ...base, tasks: 300, seed: 8 });
    expect(other.map((t) => t.text)).not.toEqual(collect({ ...base, tasks: 300 }).map((t) => t.text));
  });

  it("streams lazily instead of building everything up front", () => {
    const t0 = performance.now();
    const it = planDemo({ ...base, tasks: 5_000_000, accounts: 50_000 });
    for (let i = 0; i < 10; i++) expect(it.next().done).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("keeps timestamps inside the window and in ascending order", () => {
    const start = NOW.getTime() - 90 * DAY;
    let prev = -Infinity;
    for (const t of tasks) {
      const ms = t.createdAt.getTime();
      expect(ms).toBeGreaterThanOrEqual(start);
      expect(ms).toBeLessThan(NOW.getTime());
      expect(ms).toBeGreaterThanOrEqual(prev);
      prev = ms;
    }
    // Spread over the whole window, not bunched at one end.
    expect(tasks[0].createdAt.getTime() - start).toBeLessThan(2 * DAY);
    expect(NOW.getTime() - tasks[tasks.length - 1].createdAt.getTime()).toBeLessThan(2 * DAY);
  });

  it("weights business hours and weekdays", () => {
    const business = tasks.filter((t) => {
      const h = t.createdAt.getUTCHours();
      return h >= 8 && h < 18;
    }).length;
    expect(business / tasks.length).toBeGreaterThan(0.6);
    const weekend = tasks.filter((t) => [0, 6].includes(t.createdAt.getUTCDay())).length;
    expect(weekend / tasks.length).toBeLessThan(0.15);
    const nightPhones = tasks.filter((t) => t.channel === "phone" && (t.createdAt.getUTCHours() < 7 || t.createdAt.getUTCHours() >= 21));
    expect(nightPhones.length / tasks.length).toBeLessThan(0.01);
  });

  it("respects the business-hour offset", () => {
    const shifted = collect({ ...base, tasks: 5_000, utcOffsetMinutes: -300 });
    const localBusiness = shifted.filter((t) => {
      const h = (t.createdAt.getUTCHours() + 24 - 5) % 24;
      return h >= 8 && h < 18;
    }).length;
    expect(localBusiness / shifted.length).toBeGreaterThan(0.6);
  });

  it("has an overall sentiment mix near 45/30/25 with consistent emotions", () => {
    const share = (s: string) => tasks.filter((t) => t.sentiment === s).length / tasks.length;
    expect(Math.abs(share("negative") - 0.45)).toBeLessThan(0.03);
    expect(Math.abs(share("neutral") - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(share("positive") - 0.25)).toBeLessThan(0.03);
    for (const t of tasks) {
      expect(isConsistent(t.sentiment, t.emotion)).toBe(true);
      expect(t.accountIndex).toBeGreaterThanOrEqual(0);
      expect(t.accountIndex).toBeLessThan(1_000);
      expect(t.text.length).toBeGreaterThan(0);
    }
    const negShare = (category: string) => {
      const inCat = tasks.filter((t) => t.category === category);
      return inCat.filter((t) => t.sentiment === "negative").length / inCat.length;
    };
    expect(negShare("Cancellations")).toBeGreaterThan(negShare("Reports") + 0.25);
  });

  it("gives at-risk accounts runs of 3-6 consecutive negative messages", () => {
    const atRisk = atRiskAccountIndexes(base.seed, base.accounts);
    expect(atRisk.length).toBe(30);
    const byAccount = new Map<number, string>();
    for (const t of tasks) byAccount.set(t.accountIndex, (byAccount.get(t.accountIndex) ?? "") + t.sentiment[0]);
    const longestRun = (s: string) => Math.max(0, ...s.split(/[^n]+/).map((r) => r.length));
    const withRun = atRisk.filter((a) => longestRun(byAccount.get(a) ?? "") >= 3);
    expect(withRun.length / atRisk.length).toBeGreaterThan(0.9);
  });

  it("lets some categories get worse week by week", () => {
    const billing = getCategory("Billing");
    expect(sentimentMixAt(billing, 12, 13)[0]).toBeGreaterThan(sentimentMixAt(billing, 0, 13)[0] + 0.05);
    const reports = getCategory("Reports");
    expect(sentimentMixAt(reports, 12, 13)[0]).toBeLessThanOrEqual(sentimentMixAt(reports, 0, 13)[0]);
    // A huge window is capped so the mix stays sane.
    for (const [neg, neu, pos] of [sentimentMixAt(billing, 0, 500), sentimentMixAt(billing, 499, 500)]) {
      expect(neg + neu + pos).toBeCloseTo(1, 9);
      expect(Math.min(neg, neu, pos)).toBeGreaterThan(0);
    }
    // And it shows up in the generated stream.
    const big = collect({ ...base, tasks: 40_000 });
    const start = NOW.getTime() - 90 * DAY;
    const worsening = new Set(["Billing", "Portal/Apps"]);
    const negShare = (from: number, to: number) => {
      const sel = big.filter((t) => worsening.has(t.category) && t.createdAt.getTime() >= from && t.createdAt.getTime() < to);
      return sel.filter((t) => t.sentiment === "negative").length / sel.length;
    };
    expect(negShare(NOW.getTime() - 28 * DAY, NOW.getTime())).toBeGreaterThan(negShare(start, start + 28 * DAY) + 0.04);
  });

  it("validates its options", () => {
    expect(() => planDemo({ ...base, accounts: 0 }).next()).toThrow();
    expect(() => planDemo({ ...base, days: 0 }).next()).toThrow();
    expect(() => planDemo({ ...base, tasks: -1 }).next()).toThrow();
    expect([...planDemo({ ...base, tasks: 0 })]).toEqual([]);
  });
});
