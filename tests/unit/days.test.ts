import { describe, expect, it } from "vitest";
import { isoDay, parseIsoDay } from "@/lib/platform/days";
import { parseTrendQuery } from "@/lib/trends/reports";
import { taskQueryFromPage } from "@/lib/tasks/queue";
import { clockFor } from "@/lib/platform/time-zone";

describe("calendar days", () => {
  it("reads only real YYYY-MM-DD days, and writes them back unchanged", () => {
    for (const day of ["1970-01-01", "2024-02-29", "2026-12-31"]) expect(isoDay(parseIsoDay(day)!)).toBe(day);
    for (const notADay of ["2024-02-31", "2023-02-29", "2026-13-01", "2026-1-01", "2026-01-01T00:00:00Z", "", "yesterday"]) expect(parseIsoDay(notADay), notADay).toBeNull();
  });

  it("are refused by the trends query when they do not exist, instead of rolling into the next month", () => {
    expect(() => parseTrendQuery({ from: "2024-02-01", to: "2024-02-31" })).toThrow(/not valid/i);
    expect(parseTrendQuery({ from: "2024-02-01", to: "2024-02-29" }).to).toBe("2024-02-29");
  });

  it("turn the task page's inclusive last day into the query's exclusive bound, across a month's end", () => {
    expect(taskQueryFromPage({ to: "2024-02-29", q: "refund" })).toEqual({ to: "2024-03-01T00:00:00.000Z", q: "refund" });
    expect(taskQueryFromPage({ to: "2024-02-31" })).toEqual({ to: "2024-02-31" });
    expect(taskQueryFromPage({ from: "2024-02-01" })).toEqual({ from: "2024-02-01T00:00:00.000Z" });
  });

  it("count the task page's days from the organisation's midnight", () => {
    const tokyo = clockFor("Asia/Tokyo");
    expect(taskQueryFromPage({ from: "2024-02-01", to: "2024-02-29" }, tokyo.dayStart)).toEqual({ from: "2024-01-31T15:00:00.000Z", to: "2024-02-29T15:00:00.000Z" });
  });
});
