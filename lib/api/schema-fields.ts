// A JSON Schema (as the OpenAPI document holds it) as a flat list of fields for people to
// read on the API page: "results[].sentiment.label · "negative" | "neutral" | "positive"".
// Only what the document's generator emits is handled: objects, arrays, maps, enums,
// constants and anyOf unions (null included).

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
};

export type SchemaField = {
  path: string;
  type: string;
  /** Required wherever its parent is present (in a union: by every shape that has the field). */
  required: boolean;
  notes: string;
  /** A field of some shapes of a union only: the discriminator's values of those shapes, e.g. kind "holdout". */
  onlyWhen?: { field: string; values: unknown[] };
};

const isNull = (s: JsonSchema) => s.type === "null";
/** zod writes every integer's safe range; only a narrower bound says something. */
const SAFE = Number.MAX_SAFE_INTEGER;

function typeName(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf) return [...new Set(s.anyOf.map(typeName))].join(" or ");
  if (Array.isArray(s.type)) return s.type.join(" or ");
  if (s.type === "array") return s.items ? `array of ${typeName(s.items)}` : "array";
  if (s.type === "object" && !s.properties && s.additionalProperties && typeof s.additionalProperties === "object") {
    const value = typeName(s.additionalProperties);
    return value ? `map of ${value}` : "object";
  }
  return s.type ?? "any JSON";
}

function notesOf(s: JsonSchema): string {
  const notes: string[] = [];
  if (s.description) notes.push(s.description);
  const range = (min?: number, max?: number, unit = "") =>
    min !== undefined && max !== undefined ? `${min}–${max}${unit}` : min !== undefined ? `at least ${min}${unit}` : max !== undefined ? `at most ${max}${unit}` : "";
  const items = range(s.minItems, s.maxItems, " items");
  const length = range(s.minLength, s.maxLength, " characters");
  const value = range(s.minimum !== undefined && s.minimum > -SAFE ? s.minimum : undefined, s.maximum !== undefined && s.maximum < SAFE ? s.maximum : undefined);
  for (const n of [items, length, value]) if (n) notes.push(n);
  if (s.default !== undefined) notes.push(`default ${JSON.stringify(s.default)}`);
  return notes.join("; ");
}

/** A union's members, nested unions flattened. */
const variants = (s: JsonSchema): JsonSchema[] => (s.anyOf ? s.anyOf.flatMap(variants) : [s]);

/** The fields of a schema, parents before children; a union's object members add their fields. */
export function schemaFields(schema: JsonSchema, path = "", required = true, out: SchemaField[] = []): SchemaField[] {
  const all = variants(schema);
  const real = all.filter((m) => !isNull(m));
  const nullable = real.length < all.length;
  // A nullable value reads as its one real type "or null", with that type's own fields.
  const shown: JsonSchema = real.length === 1 ? { ...real[0], description: schema.description ?? real[0].description } : { ...schema, anyOf: real };
  if (path) {
    const type = typeName(shown) + (nullable ? " or null" : "");
    const existing = out.find((f) => f.path === path);
    if (existing) {
      // Several union members name the same field (e.g. the test selection's kind).
      if (!existing.type.split(" | ").includes(type)) existing.type = `${existing.type} | ${type}`;
    } else {
      out.push({ path, type, required, notes: notesOf(shown) });
    }
  }
  const shapes = real.filter((part) => part.properties);
  // The property whose constant tells a union's object shapes apart (e.g. the test selection's kind).
  const discriminator = shapes.length > 1 ? Object.keys(shapes[0].properties ?? {}).find((name) => shapes.every((o) => o.properties?.[name]?.const !== undefined)) : undefined;
  for (const part of real) {
    if (part.properties) {
      for (const [name, child] of Object.entries(part.properties)) {
        const childPath = path ? `${path}.${name}` : name;
        schemaFields(child, childPath, shapes.every((o) => o.required?.includes(name)), out);
        if (discriminator && name !== discriminator && !shapes.every((o) => o.properties?.[name])) {
          const row = out.find((f) => f.path === childPath);
          const value = part.properties[discriminator].const;
          if (row) row.onlyWhen = { field: discriminator, values: [...(row.onlyWhen?.values ?? []), value] };
        }
      }
    } else if (part.type === "object" && typeof part.additionalProperties === "object" && part.additionalProperties.properties) {
      // A map of objects: its values' fields, under a placeholder key.
      schemaFields(part.additionalProperties, `${path}.<key>`, true, out);
      const key = out.findIndex((f) => f.path === `${path}.<key>`);
      if (key >= 0) out.splice(key, 1);
    } else if (part.type === "array" && part.items) {
      schemaFields(part.items, `${path}[]`, true, out);
      // The array's own row already says "array of …": an item row adds something only with notes.
      const item = out.findIndex((f) => f.path === `${path}[]`);
      if (item >= 0 && !out[item].notes) out.splice(item, 1);
    }
  }
  return out;
}
