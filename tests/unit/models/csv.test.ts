import { describe, expect, it } from "vitest";
import { column, CsvError, parseCsv } from "@/models/text/csv";

describe("parseCsv", () => {
  it("reads quoted fields with delimiters, doubled quotes and newlines", () => {
    const input = 'id,text,label\r\n1,"hello, world",pos\r\n2,"she said ""no""",neg\n3,"line one\nline two",neu\n';
    const table = parseCsv(input);
    expect(table.header).toEqual(["id", "text", "label"]);
    expect(table.rows).toEqual([
      ["1", "hello, world", "pos"],
      ["2", 'she said "no"', "neg"],
      ["3", "line one\nline two", "neu"],
    ]);
    expect(table.lines).toEqual([2, 3, 4]);
    expect(column(table, "label")).toEqual(["pos", "neg", "neu"]);
  });

  it("supports other delimiters, a BOM, empty fields and blank lines", () => {
    const table = parseCsv("\ufefftext;label_name\ni feel great;joy\n\n;sadness", { delimiter: ";" });
    expect(table.header).toEqual(["text", "label_name"]);
    expect(table.rows).toEqual([
      ["i feel great", "joy"],
      ["", "sadness"],
    ]);
  });

  it("reports the line of an unterminated quote", () => {
    const err = catchCsv(() => parseCsv('a,b\n1,2\n3,"open\nstill open\n'));
    expect(err.line).toBe(3);
    expect(err.message).toBe("line 3: a quoted field that never closes");
  });

  it("reports rows with the wrong number of fields, after multi-line rows", () => {
    const err = catchCsv(() => parseCsv('a,b\n"x\ny",1\n1,2,3\n'));
    expect(err.line).toBe(4);
    expect(err.message).toMatch(/expected 2 fields .* found 3/);
  });

  it("column copies values exactly, emoji, lone surrogates and escapes included", () => {
    const texts = ["plain", "caf\u00e9 \\ \"quoted\"", "\u{1F60D} love it", "lone \ud83d half", "tab\there\u2028"];
    const file = "id,text\n" + texts.map((t, i) => `${i},"${t.replace(/"/g, '""')}"`).join("\n");
    expect(column(parseCsv(file), "text")).toEqual(texts);
  });

  it("reports stray quotes and missing columns", () => {
    expect(catchCsv(() => parseCsv('a,b\n"x"y,1\n')).line).toBe(2);
    expect(catchCsv(() => parseCsv('a,b\nx"y,1\n')).message).toMatch(/quote inside an unquoted field/);
    expect(() => column(parseCsv("a,b\n1,2"), "text")).toThrow(/no column "text"; columns are: a, b/);
    expect(() => parseCsv("")).toThrow(/empty/);
    expect(() => parseCsv("a\n1", { delimiter: "ab" })).toThrow(/invalid delimiter/);
  });
});

function catchCsv(fn: () => unknown): CsvError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error("expected a CsvError");
}
