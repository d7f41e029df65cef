import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readTable } from "@/lib/demo/generator/read-table";

describe("readTable", () => {
  const schema = z.record(z.enum(["Billing", "Reports"]), z.strictObject({ volume: z.number().positive() }));

  it("returns a table that fits its schema", () => {
    expect(readTable("t.json", schema, { Billing: { volume: 16 }, Reports: { volume: 7 } })).toEqual({
      Billing: { volume: 16 },
      Reports: { volume: 7 },
    });
  });

  it("names the file, the entry and the field of a hand-editing slip", () => {
    const read = () => readTable("t.json", schema, { Billing: { volume: "16" }, Reports: { volume: 7 } });
    expect(read).toThrow(/lib\/demo\/generator\/tables\/t\.json is not valid/);
    expect(read).toThrow(/expected number.*\n.*Billing\.volume/);
  });

  it("names a missing or unknown entry", () => {
    expect(() => readTable("t.json", schema, { Billing: { volume: 16 } })).toThrow(/Reports/);
    expect(() => readTable("t.json", schema, { Billing: { volume: 16 }, Reports: { volume: 7 }, Refunds: { volume: 1 } })).toThrow(/Refunds/);
  });
});
