// The command-line flag parser of the project's scripts (runCli in
// run-cli.ts reports its errors).
//
// node:util parseArgs reads the flags (it knows only strings and booleans); a zod
// schema built from each flag's spec turns the value into a number or checks it
// against the allowed values; required flags and one error type on top, so every
// script reports bad arguments the same way: a message, the usage text, exit code 2.
// `--name value` and `--name=value` both work; positional arguments only
// when a script asks for them.

import { parseArgs } from "node:util";
import { z } from "zod";

export type FlagType = "string" | "number" | "boolean";

export interface FlagSpec {
  type: FlagType;
  /** May be given several times; the value is then an array. */
  multiple?: boolean;
  required?: boolean;
  /** Allowed values of a string flag. */
  choices?: readonly string[];
  /** Numbers: smallest accepted value. */
  min?: number;
  /** Numbers: only integers. */
  integer?: boolean;
  /** A one-letter alias: `-p 3000` for `--port 3000`. */
  short?: string;
  help?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

type ValueOf<S extends FlagSpec> = S["type"] extends "number" ? number : S["type"] extends "boolean" ? boolean : string;

export type ParsedFlags<S extends FlagSpecs> = {
  [K in keyof S]: S[K]["multiple"] extends true ? ValueOf<S[K]>[] : ValueOf<S[K]> | undefined;
} & {
  /** Positional arguments (always empty unless `positionals` was allowed). */
  _: string[];
};

/**
 * Flags given as lists of names per type — the shorter form some scripts use.
 * Such scripts also accept positional arguments.
 */
export interface FlagLists {
  boolean?: string[];
  number?: string[];
  string?: string[];
  /** String flags that may be given several times. */
  multiple?: string[];
}

export type LooseFlags = Record<string, string | number | boolean | string[] | undefined> & { _: string[] };

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}

/** Parses argv (without node and script) against the specs; throws CliUsageError. */
export function parseFlags<S extends FlagSpecs>(argv: string[], specs: S, opts?: { positionals?: boolean }): ParsedFlags<S>;
export function parseFlags(argv: string[], lists: FlagLists): LooseFlags;
export function parseFlags(argv: string[], specsOrLists: FlagSpecs | FlagLists, opts?: { positionals?: boolean }): ParsedFlags<FlagSpecs> | LooseFlags {
  if (isFlagLists(specsOrLists)) return parseFlags(argv, specsFromLists(specsOrLists), { positionals: true }) as LooseFlags;
  const specs = specsOrLists;
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type === "boolean" ? "boolean" : "string", multiple: spec.multiple === true, ...(spec.short ? { short: spec.short } : {}) };
  }
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: opts?.positionals === true }));
  } catch (e) {
    throw new CliUsageError((e as Error).message);
  }
  const out: Record<string, unknown> = { _: positionals };
  for (const [name, spec] of Object.entries(specs)) {
    const raw = values[name];
    if (raw === undefined) {
      if (spec.required) throw new CliUsageError(`--${name} is required`);
      out[name] = spec.multiple ? [] : undefined;
      continue;
    }
    const list = (Array.isArray(raw) ? raw : [raw]).map((v) => convert(name, spec, v));
    out[name] = spec.multiple ? list : list[list.length - 1];
  }
  return out as ParsedFlags<FlagSpecs>;
}

function isFlagLists(x: FlagSpecs | FlagLists): x is FlagLists {
  return Object.values(x).some((v) => Array.isArray(v));
}

function specsFromLists(lists: FlagLists): FlagSpecs {
  const specs: FlagSpecs = {};
  for (const name of lists.boolean ?? []) specs[name] = { type: "boolean" };
  for (const name of lists.number ?? []) specs[name] = { type: "number" };
  for (const name of lists.string ?? []) specs[name] = { type: "string" };
  for (const name of lists.multiple ?? []) specs[name] = { type: "string", multiple: true };
  return specs;
}

/** What a flag's value must be, as a schema from the string parseArgs read to the value. */
function valueSchema(name: string, spec: FlagSpec): z.ZodType<unknown, string> {
  if (spec.type === "string") {
    const choices = spec.choices;
    if (!choices) return z.string();
    return z.string().refine((s) => choices.includes(s), { error: (issue) => `--${name} must be one of ${choices.join(", ")}, got "${String(issue.input)}"` });
  }
  let number = z.number();
  if (spec.integer) number = number.refine(Number.isInteger, { error: (issue) => `--${name} must be an integer, got "${String(issue.input)}"` }) as z.ZodNumber;
  const min = spec.min;
  if (min !== undefined) number = number.refine((n) => n >= min, { error: (issue) => `--${name} must be at least ${min}, got ${String(issue.input)}` }) as z.ZodNumber;
  return z
    .string()
    .refine((s) => s.trim() !== "" && Number.isFinite(Number(s)), { error: (issue) => `--${name} must be a number, got "${String(issue.input)}"` })
    .transform(Number)
    .pipe(number);
}

function convert(name: string, spec: FlagSpec, v: unknown): unknown {
  if (spec.type === "boolean") return v;
  const parsed = valueSchema(name, spec).safeParse(String(v));
  if (!parsed.success) throw new CliUsageError(parsed.error.issues[0].message);
  return parsed.data;
}

/** "name=value" pairs (e.g. repeated --param flags) into an object. */
export function parseKeyValues(pairs: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new CliUsageError(`--${flag} expects name=value, got "${pair}"`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** The specs of a script whose flags are all on/off switches: each switch's name and help. */
export function switches<K extends string>(helps: Record<K, string>): Record<K, { type: "boolean"; help: string }> {
  return Object.fromEntries(Object.entries<string>(helps).map(([name, help]) => [name, { type: "boolean", help }])) as Record<K, { type: "boolean"; help: string }>;
}

/** Usage text listing every flag with its help. */
export function formatUsage(command: string, specs: FlagSpecs): string {
  const lines = [`usage: ${command}`, "", "options:"];
  for (const [name, spec] of Object.entries(specs)) {
    const arg = spec.type === "boolean" ? "" : spec.choices ? ` <${spec.choices.join("|")}>` : ` <${spec.type === "number" ? "n" : "value"}>`;
    const flags = `  ${spec.short ? `-${spec.short}, ` : ""}--${name}${arg}${spec.multiple ? " (repeatable)" : ""}${spec.required ? " (required)" : ""}`;
    lines.push(spec.help ? `${flags.padEnd(44)} ${spec.help}` : flags);
  }
  return lines.join("\n");
}
