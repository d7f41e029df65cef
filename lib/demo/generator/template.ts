/**
 * Tiny template engine for the phrase banks: "I was charged {amount} on {date}."
 *
 * Why compile: the generator must produce ~1M texts in a few seconds, so templates are
 * parsed once at module load into literal/slot arrays and rendering is plain string
 * concatenation (no regex, no parsing in the hot path). Unknown slot names throw at
 * load time, so a typo in a phrase bank fails the tests instead of leaking "{amout}".
 */
import type { Rng } from "./random";

/** Pools every category must provide (see category-phrases.ts). */
export const CATEGORY_POOLS = ["subjects", "problems", "mildProblems", "asks", "info", "praise", "details"] as const;
export type CategoryPool = (typeof CATEGORY_POOLS)[number];

export interface RenderContext {
  rng: Rng;
  /** Compiled phrase pools of the category being written about. */
  cat: Record<CategoryPool, Template[]>;
}

export type Resolver = (ctx: RenderContext) => string;

export interface Template {
  /** lits.length === slots.length + 1; output = lits[0] + slots[0]() + lits[1] + ... */
  readonly lits: readonly string[];
  readonly slots: readonly Resolver[];
}

export function compileTemplate(src: string, resolvers: Readonly<Record<string, Resolver>>): Template {
  const lits: string[] = [];
  const slots: Resolver[] = [];
  let pos = 0;
  for (;;) {
    const open = src.indexOf("{", pos);
    if (open < 0) break;
    const close = src.indexOf("}", open);
    if (close < 0) throw new SyntaxError(`unclosed slot in template: ${src}`);
    const name = src.slice(open + 1, close);
    const resolver = resolvers[name];
    if (!resolver) throw new SyntaxError(`unknown slot {${name}} in template: ${src}`);
    lits.push(src.slice(pos, open));
    slots.push(resolver);
    pos = close + 1;
  }
  lits.push(src.slice(pos));
  return { lits, slots };
}

export function compilePool(srcs: readonly string[], resolvers: Readonly<Record<string, Resolver>>): Template[] {
  if (srcs.length === 0) throw new RangeError("empty phrase pool");
  return srcs.map((s) => compileTemplate(s, resolvers));
}

export function render(t: Template, ctx: RenderContext): string {
  const { lits, slots } = t;
  let out = lits[0];
  for (let i = 0; i < slots.length; i++) out += slots[i](ctx) + lits[i + 1];
  return out;
}

export function renderPick(pool: readonly Template[], ctx: RenderContext): string {
  return render(pool[Math.floor(ctx.rng.next() * pool.length)], ctx);
}

/** Upper-case the first character (slots such as {app} may start a sentence). */
export function capitalize(s: string): string {
  const c = s.charCodeAt(0);
  return c >= 97 && c <= 122 ? String.fromCharCode(c - 32) + s.slice(1) : s;
}

/** Lower-case the first character, for splicing a question after "Also, ". */
export function decapitalize(s: string): string {
  const c = s.charCodeAt(0);
  // Keep "I", "I'm" and acronyms such as "VAT" intact.
  if (c < 65 || c > 90 || s.length < 2) return s;
  const c2 = s.charCodeAt(1);
  if (c === 73 && (c2 === 32 || c2 === 39)) return s;
  if (c2 >= 65 && c2 <= 90) return s;
  return String.fromCharCode(c + 32) + s.slice(1);
}
