import { describe, expect, it } from "vitest";
import { OPERATIONS } from "@/app/api/v1/operations";
import { openApiDocument } from "@/lib/api/openapi";
import { schemaFields, type SchemaField } from "@/lib/api/schema-fields";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const doc = openApiDocument(OPERATIONS) as any;
const byPath = (fields: SchemaField[]) => Object.fromEntries(fields.map((f) => [f.path, f]));

describe("the API page's field lists", () => {
  it("read a request body: nested objects, unions of a string and an object, limits and defaults", () => {
    const fields = byPath(schemaFields(doc.paths["/predictions"].post.requestBody.content["application/json"].schema));
    expect(fields.inputs).toMatchObject({ type: "array of string or object", required: true, notes: "1–100 items" });
    expect(fields["inputs[].text"]).toMatchObject({ required: true, notes: expect.stringContaining("5120") });
    expect(fields["inputs[].account.name"]).toMatchObject({ type: "string", required: true, notes: "Customer name; 1–120 characters" });
    expect(fields["inputs[].account.email"].required).toBe(false);
    expect(fields.persist).toMatchObject({ type: "boolean", required: false, notes: expect.stringContaining("default true") });
    expect(fields.channel.type).toBe('"email" | "web" | "phone" | "chat" | "api"');
  });

  it("read a response: nullable values, maps, arrays of arrays, and no row of its own for an array's items", () => {
    const fields = byPath(schemaFields(doc.paths["/models"].get.responses["200"].content["application/json"].schema));
    expect(fields.active_version.type).toBe("integer or null");
    expect(fields["models[].metrics"].type).toBe("object or null");
    expect(fields["models[].metrics.per_class"].type).toBe("map of object");
    expect(fields["models[].metrics.per_class.<key>.f1"].type).toBe("number");
    expect(fields["models[].metrics.active_comparison.n_compared"]).toMatchObject({ type: "integer or null", notes: expect.stringContaining("did not train on") });
    expect(fields["models[].confusion"].type).toBe("array of array of integer or null");
    expect(fields["models[].progress_message"].type).toBe("string or null");
    expect(fields["models[].labels[]"]).toBeUndefined();
    expect(fields["models[]"]).toBeUndefined();
    expect(fields["models[].id"].type).toBe("integer");
    // The test selection is a union of three shapes: one row per field, the kinds merged.
    expect(fields["models[].test_selection.kind"].type).toBe('"holdout" | "time" | "dataset"');
    expect(fields["models[].test_selection.split_at"]).toBeDefined();
    expect(fields["models[].test_selection"].type).toBe("object or null");
  });

  it("mark a field of some shapes of a union as optional, saying for which shapes", () => {
    const fields = byPath(schemaFields(doc.paths["/training-runs"].post.requestBody.content["application/json"].schema));
    expect(fields["test.kind"]).toMatchObject({ type: '"holdout" | "time" | "dataset"', required: true });
    expect(fields["test.kind"].onlyWhen).toBeUndefined();
    expect(fields["test.percent"]).toMatchObject({ required: false, onlyWhen: { field: "kind", values: ["holdout"] } });
    expect(fields["test.split_at"]).toMatchObject({ required: false, onlyWhen: { field: "kind", values: ["time"] } });
    expect(fields["test.dataset_ids"]).toMatchObject({ required: false, onlyWhen: { field: "kind", values: ["dataset"] } });
    // Outside the union, required stays what the object says.
    expect(fields["train.dataset_ids"].required).toBe(true);
    expect(fields["train.category_ids"].required).toBe(false);
  });
});
