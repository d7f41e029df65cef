import { describe, expect, it } from "vitest";
import { CsvParser } from "@/lib/import/csv-reader";

function parse(text: string, chunkSize = text.length, delimiter = ",") {
  const p = new CsvParser(delimiter);
  const out = [];
  for (let i = 0; i < text.length; i += chunkSize) out.push(...p.push(text.slice(i, i + chunkSize)));
  out.push(...p.end());
  return out;
}

describe("CSV reader", () => {
  const sample = '\uFEFFid,text\r\n1,"hello, ""world"""\r\n2,"two\nlines"\n\n3,plain\n';

  it("reads quoted fields, doubled quotes, embedded newlines, CRLF and a BOM", () => {
    const rows = parse(sample);
    expect(rows.map((r) => r.fields)).toEqual([["id", "text"], ["1", 'hello, "world"'], ["2", "two\nlines"], ["3", "plain"]]);
  });

  it("reports the line each record starts on, counting newlines inside quotes", () => {
    expect(parse(sample).map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it("gives the same records whatever the chunk boundaries", () => {
    const whole = parse(sample);
    for (const size of [1, 2, 3, 5, 7]) expect(parse(sample, size)).toEqual(whole);
  });

  it("flags malformed rows instead of guessing", () => {
    const rows = parse('a,b\n1,x"y\n2,"open\n');
    expect(rows[1].error).toMatch(/quote inside an unquoted field/);
    expect(rows[2]).toMatchObject({ line: 3, error: expect.stringMatching(/never closes/) });
  });

  it("honours another delimiter", () => {
    expect(parse("text;label\ni feel fine;joy\n", 100, ";")[1].fields).toEqual(["i feel fine", "joy"]);
  });
});
