/**
 * The ten task categories of the call-centre tracker and the statistics the demo
 * generator needs about each one.
 *
 * Why per-category numbers: a demo where every category looks the same makes the
 * dashboards (category breakdowns, trend lines, at-risk lists) uninteresting. The
 * baseline mixes below average out, weighted by `volume`, to roughly 45% negative /
 * 30% neutral / 25% positive, matching what a complaint-heavy support queue sees.
 */
import type { Channel, Emotion, SentimentMix } from "./types";

export const CATEGORY_NAMES = [
  "Accounts",
  "Billing",
  "Cancellations",
  "Client Concerns",
  "Help/Merge",
  "Payments",
  "Plan Changes",
  "Portal/Apps",
  "Reports",
  "Schedules",
] as const;
export type CategoryName = (typeof CATEGORY_NAMES)[number];

export interface CategoryDef {
  name: CategoryName;
  /** URL/DB-safe identifier. */
  slug: string;
  description: string;
  /** Baseline sentiment shares (sum to 1) before any time trend is applied. */
  sentimentMix: SentimentMix;
  /** Relative share of all traffic (Billing and Payments are the busiest queues). */
  volume: number;
  /**
   * Change in the negative share per week across the demo window. Positive = the
   * category gets worse over time, which gives the trend charts a story to tell.
   */
  negativeTrendPerWeek: number;
  /** Multipliers on the base emotion weights (see emotions.ts); absent = 1. */
  emotionTilt: Partial<Record<Emotion, number>>;
  /** Relative channel usage for this kind of request. */
  channelMix: Record<Channel, number>;
}

export const CATEGORIES: readonly CategoryDef[] = [
  {
    name: "Accounts",
    slug: "accounts",
    description: "Logins, passwords, profile details and account ownership.",
    sentimentMix: { negative: 0.4, neutral: 0.35, positive: 0.25 },
    volume: 10,
    negativeTrendPerWeek: 0,
    emotionTilt: { fear: 1.3 },
    channelMix: { email: 0.3, web: 0.3, phone: 0.2, chat: 0.2 },
  },
  {
    name: "Billing",
    slug: "billing",
    description: "Invoices, charges, fees and refunds that appear on a bill.",
    sentimentMix: { negative: 0.6, neutral: 0.25, positive: 0.15 },
    volume: 16,
    negativeTrendPerWeek: 0.008,
    emotionTilt: { anger: 1.2, surprise: 1.2 },
    channelMix: { email: 0.35, web: 0.2, phone: 0.3, chat: 0.15 },
  },
  {
    name: "Cancellations",
    slug: "cancellations",
    description: "Requests to end, pause or not renew a contract or subscription.",
    sentimentMix: { negative: 0.66, neutral: 0.24, positive: 0.1 },
    volume: 8,
    negativeTrendPerWeek: 0.006,
    emotionTilt: { sadness: 1.5 },
    channelMix: { email: 0.3, web: 0.2, phone: 0.4, chat: 0.1 },
  },
  {
    name: "Client Concerns",
    slug: "client-concerns",
    description: "Complaints and compliments about service quality, staff and privacy.",
    sentimentMix: { negative: 0.62, neutral: 0.18, positive: 0.2 },
    volume: 9,
    negativeTrendPerWeek: 0.004,
    emotionTilt: { anger: 1.3 },
    channelMix: { email: 0.4, web: 0.15, phone: 0.35, chat: 0.1 },
  },
  {
    name: "Help/Merge",
    slug: "help-merge",
    description: "Merging duplicate accounts and general how-do-I help.",
    sentimentMix: { negative: 0.35, neutral: 0.45, positive: 0.2 },
    volume: 6,
    negativeTrendPerWeek: 0,
    emotionTilt: { fear: 1.2 },
    channelMix: { email: 0.3, web: 0.3, phone: 0.15, chat: 0.25 },
  },
  {
    name: "Payments",
    slug: "payments",
    description: "Card and direct-debit payments, failed payments, payment plans.",
    sentimentMix: { negative: 0.46, neutral: 0.3, positive: 0.24 },
    volume: 13,
    negativeTrendPerWeek: 0,
    emotionTilt: { fear: 1.4 },
    channelMix: { email: 0.25, web: 0.3, phone: 0.3, chat: 0.15 },
  },
  {
    name: "Plan Changes",
    slug: "plan-changes",
    description: "Upgrades, downgrades, add-ons and price changes between plans.",
    sentimentMix: { negative: 0.3, neutral: 0.35, positive: 0.35 },
    volume: 9,
    negativeTrendPerWeek: 0,
    emotionTilt: { joy: 1.2 },
    channelMix: { email: 0.25, web: 0.35, phone: 0.25, chat: 0.15 },
  },
  {
    name: "Portal/Apps",
    slug: "portal-apps",
    description: "The customer portal and mobile apps: errors, outages, how-tos.",
    sentimentMix: { negative: 0.42, neutral: 0.26, positive: 0.32 },
    volume: 12,
    negativeTrendPerWeek: 0.01,
    emotionTilt: { anger: 1.2, surprise: 1.2 },
    channelMix: { email: 0.2, web: 0.35, phone: 0.15, chat: 0.3 },
  },
  {
    name: "Reports",
    slug: "reports",
    description: "Statements, usage reports and data exports.",
    sentimentMix: { negative: 0.18, neutral: 0.55, positive: 0.27 },
    volume: 7,
    negativeTrendPerWeek: -0.002,
    emotionTilt: { surprise: 1.1 },
    channelMix: { email: 0.45, web: 0.3, phone: 0.1, chat: 0.15 },
  },
  {
    name: "Schedules",
    slug: "schedules",
    description: "Appointments, technician visits, callbacks and delivery slots.",
    sentimentMix: { negative: 0.34, neutral: 0.28, positive: 0.38 },
    volume: 10,
    negativeTrendPerWeek: -0.004,
    emotionTilt: { anger: 1.2 },
    channelMix: { email: 0.2, web: 0.25, phone: 0.4, chat: 0.15 },
  },
];

const byName = new Map<string, CategoryDef>();
for (const c of CATEGORIES) {
  byName.set(c.name, c);
  byName.set(c.slug, c);
}

/** Look a category up by display name or slug. */
export function getCategory(nameOrSlug: string): CategoryDef {
  const c = byName.get(nameOrSlug);
  if (!c) throw new RangeError(`unknown category: ${nameOrSlug}`);
  return c;
}
