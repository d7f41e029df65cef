// A small command-line flag parser: `--name value`, `--name=value`, boolean `--flag`.
// Unknown flags and non-numbers are errors that name the flag.
import { AppError } from "@/lib/errors";

export type FlagSpec = { boolean?: string[]; number?: string[]; string?: string[]; multiple?: string[] };
export type Flags = Record<string, string | number | boolean | string[] | undefined> & { _: string[] };

export function parseFlags(argv: string[], spec: FlagSpec): Flags {
  const out: Flags = { _: [] };
  const kind = (name: string) =>
    spec.boolean?.includes(name) ? "boolean" : spec.number?.includes(name) ? "number" : spec.string?.includes(name) || spec.multiple?.includes(name) ? "string" : null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      out._.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const type = kind(rawName);
    if (!type) throw new AppError("bad_request:flag", `Unknown option --${rawName}.`);
    if (type === "boolean") {
      out[rawName] = inline === undefined ? true : inline !== "false";
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new AppError("bad_request:flag", `Option --${rawName} needs a value.`);
    if (type === "number") {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new AppError("bad_request:flag", `Option --${rawName} needs a number, got "${value}".`);
      out[rawName] = n;
    } else if (spec.multiple?.includes(rawName)) {
      out[rawName] = [...((out[rawName] as string[] | undefined) ?? []), value];
    } else {
      out[rawName] = value;
    }
  }
  return out;
}
