/**
 * Reads one of the generator's tables (tables/*.json) through its schema when the module loads.
 *
 * Why check at load: JSON carries no types beyond string and number, and these tables are edited
 * by hand. A misspelt field, a category left out or a share typed as 35 instead of 0.35 stops
 * every entry point at once (seed, worker, scripts, tests) with the file and the field named,
 * instead of quietly skewing the demo data.
 */
import { z } from "zod";

export function readTable<S extends z.ZodType>(file: string, schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new Error(`lib/demo/generator/tables/${file} is not valid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
