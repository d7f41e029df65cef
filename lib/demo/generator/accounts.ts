/**
 * Deterministic demo customer accounts: a mix of small businesses and private people.
 *
 * Why index-driven: seeding scripts create accounts by index and tasks refer to them by
 * index (see plan.ts), so account i must always be the same account. Names come from a
 * bijection (affine permutation) of the index onto word combinations, so they are unique
 * by construction rather than by retry, and neighbouring indexes do not look alike.
 * Word lists (tables/account-names.json) are invented for this project; emails use reserved
 * .example domains (RFC 2606) so demo data can never mail a real person.
 */
import { z } from "zod";
import accountNameData from "./tables/account-names.json";
import { readTable } from "./read-table";
import type { Rng } from "./random";

export interface DemoAccount {
  /** "ACC-000001" for index 0: one-based, zero-padded to six digits. */
  externalRef: string;
  name: string;
  email: string;
}

// RFC 2606 reserves example, example.com/.net/.org and every name under .example.
const reservedDomain = z.string().regex(/^([a-z0-9-]+\.)*example(\.(com|net|org))?$/, "must be a reserved example domain (RFC 2606)");
const words = z
  .array(z.string().min(1))
  .min(1)
  .refine((list) => new Set(list).size === list.length, "must not repeat a word");
const nameWordsSchema = z.strictObject({
  companyPrefixes: words,
  companyCores: words,
  companySuffixes: words,
  // Tell apart branches once every prefix/core/suffix combination has been used.
  branchLocations: words,
  firstNames: words,
  lastNames: words,
  // Mailbox names for company addresses (billing@..., office@...).
  mailboxRoles: words,
  personDomains: z.array(reservedDomain).min(1),
});
const {
  companyPrefixes: COMPANY_PREFIXES,
  companyCores: COMPANY_CORES,
  companySuffixes: COMPANY_SUFFIXES,
  branchLocations: LOCATIONS,
  firstNames: FIRST_NAMES,
  lastNames: LAST_NAMES,
  mailboxRoles: ROLES,
  personDomains: PERSON_DOMAINS,
} = readTable("account-names.json", nameWordsSchema, accountNameData);

const INITIALS = "ABCDEFGHJKLMNPRSTVW";

// Per 20 consecutive indexes: 13 companies then 7 people (65% / 35%), so each kind's
// ordinal is computable in O(1) from the index.
const BLOCK = 20;
const COMPANIES_PER_BLOCK = 13;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Multiplier coprime with n, so j -> (j * m + c) mod n is a permutation of 0..n-1. */
function coprimeMultiplier(n: number, start: number): number {
  let m = start % n || 1;
  while (gcd(m, n) !== 1) m++;
  return m;
}

const COMPANY_SPACE = COMPANY_PREFIXES.length * COMPANY_CORES.length * COMPANY_SUFFIXES.length;
const PERSON_SPACE = FIRST_NAMES.length * LAST_NAMES.length;
const COMPANY_MUL = coprimeMultiplier(COMPANY_SPACE, 7919);
const PERSON_MUL = coprimeMultiplier(PERSON_SPACE, 1733);

function slugify(s: string, sep = "-"): string {
  let out = "";
  let dash = false;
  for (const ch of s.toLowerCase()) {
    if ((ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9")) {
      out += ch;
      dash = false;
    } else if (!dash && out.length > 0) {
      out += sep;
      dash = true;
    }
  }
  return dash ? out.slice(0, -1) : out;
}

export function formatExternalRef(index: number): string {
  return "ACC-" + String(index + 1).padStart(6, "0");
}

function companyName(ordinal: number): string {
  const j = (ordinal % COMPANY_SPACE) * COMPANY_MUL % COMPANY_SPACE;
  const generation = Math.floor(ordinal / COMPANY_SPACE);
  const p = j % COMPANY_PREFIXES.length;
  const rest = Math.floor(j / COMPANY_PREFIXES.length);
  const c = rest % COMPANY_CORES.length;
  const s = Math.floor(rest / COMPANY_CORES.length);
  let name = COMPANY_PREFIXES[p] + COMPANY_CORES[c] + " " + COMPANY_SUFFIXES[s];
  if (generation > 0) {
    // Beyond ~27k companies: add a branch location, then a branch number.
    const g = generation - 1;
    const branch = g >= LOCATIONS.length ? " " + (Math.floor(g / LOCATIONS.length) + 1) : "";
    name += " (" + LOCATIONS[g % LOCATIONS.length] + branch + ")";
  }
  return name;
}

function personName(ordinal: number): string {
  const j = (ordinal % PERSON_SPACE) * PERSON_MUL % PERSON_SPACE;
  const generation = Math.floor(ordinal / PERSON_SPACE);
  const first = FIRST_NAMES[j % FIRST_NAMES.length];
  const last = LAST_NAMES[Math.floor(j / FIRST_NAMES.length)];
  if (generation === 0) return first + " " + last;
  // Beyond 3,600 people: middle initials, then a generational number.
  const g = generation - 1;
  const middle = INITIALS[g % INITIALS.length];
  const extra = g >= INITIALS.length ? " " + (Math.floor(g / INITIALS.length) + 1) : "";
  return first + " " + middle + ". " + last + extra;
}

/**
 * Account number `index` (0-based). Name and reference depend only on the index; the rng
 * only picks cosmetic details (mailbox role, email domain), so emails stay unique too.
 */
export function generateAccount(rng: Rng, index: number): DemoAccount {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`account index must be a non-negative integer, got ${index}`);
  const block = Math.floor(index / BLOCK);
  const slot = index % BLOCK;
  const externalRef = formatExternalRef(index);
  if (slot < COMPANIES_PER_BLOCK) {
    const name = companyName(block * COMPANIES_PER_BLOCK + slot);
    const email = rng.pick(ROLES) + "@" + slugify(name) + ".example";
    return { externalRef, name, email };
  }
  const name = personName(block * (BLOCK - COMPANIES_PER_BLOCK) + (slot - COMPANIES_PER_BLOCK));
  const email = slugify(name, ".") + "@" + rng.pick(PERSON_DOMAINS);
  return { externalRef, name, email };
}
