/**
 * Deterministic demo customer accounts: a mix of small businesses and private people.
 *
 * Why index-driven: seeding scripts create accounts by index and tasks refer to them by
 * index (see plan.ts), so account i must always be the same account. Names come from a
 * bijection (affine permutation) of the index onto word combinations, so they are unique
 * by construction rather than by retry, and neighbouring indexes do not look alike.
 * Word lists are invented for this project; emails use reserved .example domains
 * (RFC 2606) so demo data can never mail a real person.
 */
import type { Rng } from "./random";

export interface DemoAccount {
  /** "ACC-000001" for index 0: one-based, zero-padded to six digits. */
  externalRef: string;
  name: string;
  email: string;
}

const COMPANY_PREFIXES = [
  "Bright", "Silver", "Oak", "Harbor", "Summit", "Blue", "Maple", "Granite", "Copper", "Lake",
  "River", "Cedar", "Iron", "Golden", "Ever", "High", "Willow", "Fox", "Green", "West",
  "North", "Sun", "Moss", "Amber", "Pine", "Rowan", "Heather", "Clear", "Kestrel", "Lark",
  "Marble", "Meadow", "Orchard", "Quarry", "Saffron", "Thistle", "Tide", "Wren", "Ash", "Birch",
];
const COMPANY_CORES = [
  "field", "brook", "ridge", "gate", "stone", "wood", "point", "view", "haven", "crest",
  "line", "works", "way", "bridge", "mark", "side", "well", "ford", "hill", "dale",
  "moor", "port", "wick", "bank", "vale", "leaf", "mill", "fold",
];
const COMPANY_SUFFIXES = [
  "Logistics", "Dental", "Bakery", "Consulting", "Plumbing", "Studio", "Media", "Builders",
  "Veterinary Clinic", "Law Group", "Accounting", "Fitness", "Florists", "Print Co.", "Cafe",
  "Garage", "Property Management", "Electrical", "Landscaping", "Travel", "Pharmacy", "Optics",
  "Tutoring", "Catering",
];
// Used to tell apart branches once every prefix/core/suffix combination has been used.
const LOCATIONS = [
  "Eastgate", "Riverside", "Old Town", "Harbourfront", "Northside", "Westend", "Midtown", "Parkview",
  "Southbank", "Hillcrest", "Lakeshore", "Uptown", "Greenway", "Millbrook", "Stationside", "Fairmead",
];
const FIRST_NAMES = [
  "Maria", "Dev", "Hannah", "Kofi", "Lucia", "Peter", "Amara", "Sven", "Rosa", "Theo",
  "Farah", "Gil", "Ines", "Bram", "Chidi", "Elsa", "Mateo", "Nadia", "Omar", "Wren",
  "Alma", "Boris", "Celeste", "Dmitri", "Esme", "Femi", "Greer", "Hugo", "Ilse", "Jasper",
  "Kamala", "Lorenzo", "Maeve", "Nils", "Odile", "Pavel", "Quinn", "Rhea", "Soren", "Talia",
  "Ulla", "Victor", "Wanda", "Xavi", "Yusuf", "Zora", "Anika", "Bastian", "Carys", "Dario",
  "Eitan", "Fleur", "Gwen", "Hamza", "Isla", "Joaquin", "Kira", "Leif", "Mira", "Nico",
];
const LAST_NAMES = [
  "Keller", "Okafor", "Brennan", "Novak", "Hollis", "Marsh", "Adeyemi", "Lindqvist", "Ferreira", "Castellano",
  "Duval", "Eriksen", "Fontaine", "Gallagher", "Haddad", "Iverson", "Janssen", "Kowalczyk", "Lachance", "Moreau",
  "Nakamura", "Oyelaran", "Petrov", "Quintero", "Rasmussen", "Sandoval", "Thornbury", "Underhill", "Valdez", "Whitlock",
  "Yamada", "Zielinski", "Ashdown", "Blackwood", "Corrigan", "Delacroix", "Ellery", "Fairbairn", "Greenhalgh", "Hartigan",
  "Ishikawa", "Jovanovic", "Kilbride", "Lowther", "Mbeki", "Nordahl", "Ostrowski", "Pemberton", "Rourke", "Szabo",
  "Tamsin", "Umbers", "Vasquez", "Wojcik", "Abernathy", "Bellamy", "Calloway", "Dunmore", "Esposito", "Fenwick",
];
const INITIALS = "ABCDEFGHJKLMNPRSTVW";
const ROLES = ["accounts", "billing", "office", "admin", "info", "hello", "ops", "finance"];
const PERSON_DOMAINS = ["example.com", "example.net", "example.org", "mail.example", "inbox.example"];

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
