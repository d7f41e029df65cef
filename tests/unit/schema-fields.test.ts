import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { schemaFields, type SchemaField } from "@/lib/api/schema-fields";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const doc = openApiDocument() as any;
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

  it("list every field of every documented answer once", () => {
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>>)) {
      for (const op of Object.values(methods)) {
        const fields = schemaFields(Object.values(op.responses)[0].content["application/json"].schema);
        expect(fields.length, path).toBeGreaterThan(0);
        expect(new Set(fields.map((f) => f.path)).size, path).toBe(fields.length);
      }
    }
  });
});
