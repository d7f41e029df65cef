// Shared command-line flag parsing for the project's scripts.
//
// Wraps node:util parseArgs (which knows only strings and booleans) with
// numbers, required flags, allowed values and one error type, so every script
// reports bad arguments the same way: a message, the usage text, exit code 2.

import { parseArgs } from "node:util";

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
  help?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

type ValueOf<S extends FlagSpec> = S["type"] extends "number" ? number : S["type"] extends "boolean" ? boolean : string;

export type ParsedFlags<S extends FlagSpecs> = {
  [K in keyof S]: S[K]["multiple"] extends true ? ValueOf<S[K]>[] : ValueOf<S[K]> | undefined;
};

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}

/** Parses argv (without node and script) against the specs; throws CliUsageError. */
export function parseFlags<S extends FlagSpecs>(argv: string[], specs: S): ParsedFlags<S> {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type === "boolean" ? "boolean" : "string", multiple: spec.multiple === true };
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new CliUsageError((e as Error).message);
  }
  const out: Record<string, unknown> = {};
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
  return out as ParsedFlags<S>;
}

function convert(name: string, spec: FlagSpec, v: unknown): unknown {
  if (spec.type === "boolean") return v;
  const s = String(v);
  if (spec.type === "number") {
    const n = Number(s);
    if (s.trim() === "" || !Number.isFinite(n)) throw new CliUsageError(`--${name} must be a number, got "${s}"`);
    if (spec.integer && !Number.isInteger(n)) throw new CliUsageError(`--${name} must be an integer, got "${s}"`);
    if (spec.min !== undefined && n < spec.min) throw new CliUsageError(`--${name} must be at least ${spec.min}, got ${n}`);
    return n;
  }
  if (spec.choices && !spec.choices.includes(s)) throw new CliUsageError(`--${name} must be one of ${spec.choices.join(", ")}, got "${s}"`);
  return s;
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

/** Usage text listing every flag with its help. */
export function formatUsage(command: string, specs: FlagSpecs): string {
  const lines = [`usage: ${command}`, "", "options:"];
  for (const [name, spec] of Object.entries(specs)) {
    const arg = spec.type === "boolean" ? "" : spec.choices ? ` <${spec.choices.join("|")}>` : ` <${spec.type === "number" ? "n" : "value"}>`;
    const flags = `  --${name}${arg}${spec.multiple ? " (repeatable)" : ""}${spec.required ? " (required)" : ""}`;
    lines.push(spec.help ? `${flags.padEnd(44)} ${spec.help}` : flags);
  }
  return lines.join("\n");
}

/**
 * Runs a script's main function: CliUsageError → message + usage on stderr,
 * exit 2; any other error → message on stderr, exit 1.
 */
export async function runCli(main: () => Promise<void> | void, usage: string): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (e instanceof CliUsageError) {
      process.stderr.write(`error: ${e.message}\n\n${usage}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`error: ${(e as Error).message ?? String(e)}\n`);
    process.exitCode = 1;
  }
}
