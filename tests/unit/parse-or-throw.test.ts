import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, parseOrThrow } from "@/lib/platform/errors";

const schema = z.object({ name: z.string().min(1, "Enter a name."), test: z.object({ datasetIds: z.array(z.number()).min(1, "Choose a dataset.") }) });

describe("parseOrThrow: the one way lib/ checks an input", () => {
  it("returns the parsed value", () => {
    expect(parseOrThrow(schema, { name: "a", test: { datasetIds: [1] } }, "validation:x")).toEqual({ name: "a", test: { datasetIds: [1] } });
  });

  it("throws a 422 naming each field's first problem, with the first problem as the message unless one is given", () => {
    const error = (() => {
      try {
        parseOrThrow(schema, { name: "", test: { datasetIds: [] } }, "validation:x");
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "validation:x", status: 422, message: "Enter a name." });
    expect(error?.details?.fieldErrors).toEqual({ name: "Enter a name.", "test.datasetIds": "Choose a dataset." });
    expect(() => parseOrThrow(schema, {}, "validation:x", "The input is not valid.")).toThrow("The input is not valid.");
    expect(() => parseOrThrow(schema, { name: "", test: { datasetIds: [1] } }, "validation:x", (e) => `Fix: ${Object.keys(e).join(", ")}`)).toThrow("Fix: name");
  });
});
