/**
 * Slot resolvers shared by all phrase banks: money, dates, reference numbers, product
 * names and intensifiers.
 *
 * Why numbers everywhere: real support messages quote invoice numbers, amounts and dates,
 * and those fields are also what makes a million generated texts mostly distinct while
 * staying neutral for a bag-of-words model (a number says nothing about mood).
 */
import { renderPick, type RenderContext, type Resolver } from "./template";
import { weightedPicker } from "./random";

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
const MONTH_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const COUNT_WORDS = ["two", "three", "four", "five", "six", "2", "3", "4", "5", "several"];
const ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "2nd", "3rd", "4th", "5th"];
// Invented plan tiers for the fictional provider.
const PLANS = ["Starter", "Basic", "Plus", "Premium", "Pro", "Business", "Team", "Family", "Essentials", "Unlimited"];
const APPS = [
  "the app", "the iOS app", "the Android app", "the portal", "the customer portal",
  "the web dashboard", "the mobile app", "the self-service site", "the tablet app",
];
const DEVICES = [
  "my iPhone", "my Android phone", "my laptop", "my tablet", "my work PC", "a Chromebook",
  "my Mac", "an old Samsung", "my phone", "Firefox", "Chrome", "Safari",
];
const REPORTS = [
  "monthly report", "usage report", "activity summary", "quarterly report", "annual statement",
  "CSV export", "billing summary", "payment history", "tax statement", "account statement",
];
// Invented agent first names (support staff mentioned by customers).
const AGENTS = [
  "Dana", "Marco", "Priya", "Tomas", "Lena", "Sami", "Aisha", "Jonah", "Keiko", "Rafael",
  "Noor", "Bianca", "Oskar", "Mei", "Tariq", "Greta", "Idris", "Carmen", "Felix", "Yara",
];
// Sign-off names for emails: again invented, not taken from any dataset.
const SIGNERS = [
  "Maria", "Dev", "Hannah", "Kofi", "Lucia", "Pete", "Amara", "Sven", "Rosa", "Theo",
  "Farah", "Gil", "Ines", "Bram", "Chidi", "Elsa", "Mateo", "Nadia", "Omar", "Wren",
  "J.", "A. Novak", "K. Brennan", "the Hollis family", "Office Manager", "Accounts Dept",
];
const WINDOWS = ["8-12", "12-4", "1-5", "morning", "afternoon", "all-day", "7am-1pm", "10-2"];
const TIMES_H = ["8", "9", "10", "11", "12", "1", "2", "3", "4", "5"];
const TIME_MINUTES = [":00", ":15", ":30", ":45", "", "", ""];
const VERY = weightedPicker<string>([
  ["very", 3], ["really", 3], ["so", 2], ["extremely", 1], ["incredibly", 0.6], ["super", 0.6],
  ["sooo", 0.6], ["reaaally", 0.3], ["soooo", 0.3], ["totally", 0.4], ["seriously", 0.5],
]);
const NOW = ["now", "today", "immediately", "ASAP", "right away", "this week", "by the end of the day", "before Friday"];
const WHEN = ["yesterday", "last week", "this morning", "two days ago", "on Monday", "over the weekend", "last night", "earlier today"];

function pad(n: number, width: number): string {
  let s = String(n);
  while (s.length < width) s = "0" + s;
  return s;
}

const amount: Resolver = ({ rng }) => {
  const r = rng.next();
  if (r < 0.68) return "$" + rng.int(4, 480) + "." + pad(rng.int(0, 99), 2);
  if (r < 0.9) return "$" + rng.int(10, 1500);
  return rng.int(5, 300) + " dollars";
};

const invoice: Resolver = ({ rng }) => {
  const r = rng.next();
  if (r < 0.55) return "INV-" + rng.int(100000, 999999);
  if (r < 0.8) return "#" + rng.int(1000000, 9999999);
  return "INV" + rng.int(2023, 2025) + "-" + pad(rng.int(1, 9999), 4);
};

const date: Resolver = ({ rng }) => {
  const d = rng.int(1, 28);
  const m = rng.int(0, 11);
  switch (rng.int(0, 5)) {
    case 0:
      return MONTHS[m] + " " + d;
    case 1:
      return d + " " + MONTH_SHORT[m];
    case 2:
      return m + 1 + "/" + d;
    case 3:
      return "the " + d + (d === 1 || d === 21 ? "st" : d === 2 || d === 22 ? "nd" : d === 3 || d === 23 ? "rd" : "th");
    case 4:
      return rng.pick(WEEKDAYS);
    default:
      return MONTH_SHORT[m] + " " + d + ", 202" + rng.int(4, 5);
  }
};

const time: Resolver = ({ rng }) => {
  const h = rng.pick(TIMES_H);
  const m = rng.pick(TIME_MINUTES);
  const hn = Number(h);
  return h + m + (rng.next() < 0.7 ? (hn >= 8 && hn <= 11 ? "am" : "pm") : "");
};

function twoPlans(rng: RenderContext["rng"]): [string, string] {
  const i = rng.int(0, PLANS.length - 1);
  const j = (i + rng.int(1, PLANS.length - 1)) % PLANS.length;
  return [PLANS[i], PLANS[j]];
}

const pick =
  (arr: readonly string[]): Resolver =>
  ({ rng }) =>
    arr[Math.floor(rng.next() * arr.length)];

const catPool =
  (pool: "subjects"): Resolver =>
  (ctx: RenderContext) =>
    renderPick(ctx.cat[pool], ctx);

export const SHARED_SLOTS: Readonly<Record<string, Resolver>> = {
  amount,
  invoice,
  date,
  time,
  when: pick(WHEN),
  month: pick(MONTHS),
  day: pick(WEEKDAYS),
  n: pick(COUNT_WORDS),
  ordinal: pick(ORDINALS),
  days: ({ rng }) => String(rng.int(2, 21)),
  hours: ({ rng }) => String(rng.int(2, 9)),
  mins: ({ rng }) => String(rng.pick([10, 15, 20, 25, 30, 40, 45, 50, 60, 90])),
  years: ({ rng }) => String(rng.int(2, 15)),
  last4: ({ rng }) => pad(rng.int(0, 9999), 4),
  acct: ({ rng }) => "ACC-" + pad(rng.int(1, 99999), 6),
  ticket: ({ rng }) => (rng.next() < 0.5 ? "ticket #" + rng.int(10000, 99999) : "case CS-" + rng.int(100000, 999999)),
  po: ({ rng }) => "PO-" + rng.int(1000, 99999),
  bankref: ({ rng }) => "TRX" + rng.int(10000000, 99999999),
  version: ({ rng }) => rng.int(3, 6) + "." + rng.int(0, 19) + "." + rng.int(0, 9),
  errcode: ({ rng }) => "E" + rng.int(100, 999),
  reportid: ({ rng }) => "RPT-" + rng.int(1000, 99999),
  window: pick(WINDOWS),
  plan: pick(PLANS),
  // Two different plans; independent {plan} slots could print "between Plus and Plus".
  planPair: ({ rng }) => {
    const [a, b] = twoPlans(rng);
    return a + " and " + b;
  },
  planMove: ({ rng }) => {
    const [a, b] = twoPlans(rng);
    return "from " + a + " to " + b;
  },
  app: pick(APPS),
  device: pick(DEVICES),
  report: pick(REPORTS),
  agent: pick(AGENTS),
  signer: pick(SIGNERS),
  very: ({ rng }) => VERY(rng),
  now: pick(NOW),
  subject: catPool("subjects"),
};
