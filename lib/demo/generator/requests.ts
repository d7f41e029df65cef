/**
 * Composes customer support messages from the phrase banks.
 *
 * A message is a handful of sentence slots (opener, core, detail, reaction, request,
 * closing) whose presence depends on sentiment and intensity, plus channel-specific
 * framing (email greeting, chat lower-case, phone call notes) and light noise (typos,
 * emoticons, shouting). Numbers and names in the slots make a million messages mostly
 * distinct; the mix of strong and mild messages keeps sentiment learnable but not
 * trivially separable.
 */
import { CATEGORIES, getCategory, type CategoryDef, type CategoryName } from "./categories";
import { CATEGORY_PHRASES } from "./category-phrases";
import { isConsistent, pickEmotion } from "./emotions";
import { addTypo, dropFinalStop, exclaim } from "./noise";
import {
  ACKNOWLEDGEMENTS, CHECK_REQUESTS, CLOSINGS, DEMANDS, EMOTICONS, GREETINGS, OPENERS, PHONE_PREFIXES, QUESTION_LEADS, REACTIONS, SIGNOFFS, SUBJECT_LINES,
} from "./phrases";
import { weightedPicker, type Rng } from "./random";
import { SHARED_SLOTS } from "./slots";
import {
  CATEGORY_POOLS, capitalize, compilePool, decapitalize, renderPick, type CategoryPool, type RenderContext, type Template,
} from "./template";
import { CHANNELS, SENTIMENTS, type Channel, type Emotion, type Sentiment } from "./types";

export interface GenerateRequestOptions {
  category: CategoryName;
  sentiment: Sentiment;
  /** Must be consistent with `sentiment` (see emotions.ts); drawn from the category's tilt if omitted. */
  emotion?: Emotion;
  /** Drawn from the category's channel mix if omitted. */
  channel?: Channel;
  /**
   * Keep the overlap zones where a person could read the label either way: a plain
   * question filed as a mild complaint, a problem reported calmly filed as neutral.
   * Realistic for the demo queue (default true); off for the default model's training
   * examples, whose labels a person should agree with.
   */
  labelNoise?: boolean;
}

export interface GeneratedRequest {
  text: string;
  sentiment: Sentiment;
  emotion: Emotion;
  channel: Channel;
}

export interface LabelledExample {
  text: string;
  sentiment: Sentiment;
  emotion: Emotion;
  category: CategoryName;
}

// ---- compile everything once at module load -------------------------------------------

type EmotionTemplates = Partial<Record<Emotion, Template[]>>;
const compile = (srcs: readonly string[]) => compilePool(srcs, SHARED_SLOTS);
const compileEmotions = (pools: Partial<Record<Emotion, readonly string[]>>): EmotionTemplates => {
  const out: EmotionTemplates = {};
  for (const e of Object.keys(pools) as Emotion[]) out[e] = compile(pools[e] ?? []);
  return out;
};
const bySentiment = <T>(f: (s: Sentiment) => T): Record<Sentiment, T> =>
  ({ negative: f("negative"), neutral: f("neutral"), positive: f("positive") });

const CAT_TEMPLATES = new Map<CategoryName, Record<CategoryPool, Template[]>>();
for (const def of CATEGORIES) {
  const bank = CATEGORY_PHRASES[def.name];
  const compiled = {} as Record<CategoryPool, Template[]>;
  for (const p of CATEGORY_POOLS) compiled[p] = compile(bank[p]);
  CAT_TEMPLATES.set(def.name, compiled);
}

const T_OPENERS = bySentiment((s) => compileEmotions(OPENERS[s]));
const T_REACTIONS = bySentiment((s) => compileEmotions(REACTIONS[s]));
const T_DEMANDS = compileEmotions(DEMANDS);
const T_SUBJECT_LINES = bySentiment((s) => compile(SUBJECT_LINES[s]));
const T_CHECKS = compile(CHECK_REQUESTS);
const T_ACKS = compile(ACKNOWLEDGEMENTS);
const T_LEADS = compile(QUESTION_LEADS);
const T_CLOSINGS = {
  negative: compile(CLOSINGS.negative),
  neutral: compile(CLOSINGS.neutral),
  positive: compile(CLOSINGS.positive),
  any: compile(CLOSINGS.any),
};
const T_SIGNOFFS = { nameOnly: compile(SIGNOFFS.nameOnly), full: compile(SIGNOFFS.full) };
const T_GREETINGS = { email: compile(GREETINGS.email), web: compile(GREETINGS.web), chat: compile(GREETINGS.chat) };

const CHANNEL_PICKERS = new Map<CategoryName, (rng: Rng) => Channel>();
const SENTIMENT_PICKERS = new Map<CategoryName, (rng: Rng) => Sentiment>();
for (const def of CATEGORIES) {
  CHANNEL_PICKERS.set(def.name, weightedPicker(CHANNELS.map((c) => [c, def.channelMix[c]] as const)));
  SENTIMENT_PICKERS.set(def.name, weightedPicker(SENTIMENTS.map((s) => [s, def.sentimentMix[s]] as const)));
}
const CATEGORY_PICKER = weightedPicker(CATEGORIES.map((c) => [c, c.volume] as const));

type Intensity = "mild" | "normal" | "strong";
const INTENSITY: Record<Sentiment, (rng: Rng) => Intensity> = {
  negative: weightedPicker<Intensity>([["mild", 0.35], ["normal", 0.42], ["strong", 0.23]]),
  neutral: weightedPicker<Intensity>([["mild", 0.6], ["normal", 0.4]]),
  positive: weightedPicker<Intensity>([["mild", 0.35], ["normal", 0.45], ["strong", 0.2]]),
};

const LOWERCASE_P: Record<Channel, number> = { chat: 0.4, web: 0.08, email: 0.03, phone: 0.06 };
const TYPO_P: Record<Channel, number> = { chat: 0.25, web: 0.14, email: 0.08, phone: 0.04 };
const MAX_SENTENCES = 5;

// ---- composition -----------------------------------------------------------------------

/** Sentence builder: sentences are capitalised as they are added; `core` is never trimmed. */
class Parts {
  list: string[] = [];
  core = -1;
  /** Whether a closing line ("Thanks.") was added, so a sign-off does not repeat it. */
  closed = false;
  add(s: string): number {
    // An emotion with no phrase pool (e.g. "neutral") adds nothing.
    if (s === "") return -1;
    this.list.push(capitalize(s));
    return this.list.length - 1;
  }
  addCore(s: string): void {
    this.core = this.add(s);
  }
  addClosing(s: string): void {
    this.add(s);
    this.closed = true;
  }
  /** Drop random non-core sentences until the message has at most `max` sentences. */
  trim(rng: Rng, max: number): void {
    while (this.list.length > max) {
      let i = Math.floor(rng.next() * this.list.length);
      if (i === this.core) i = (i + 1) % this.list.length;
      this.list.splice(i, 1);
      if (i < this.core) this.core--;
    }
  }
}

function pickFrom(pools: EmotionTemplates, emotion: Emotion, ctx: RenderContext): string | undefined {
  const pool = pools[emotion];
  return pool ? renderPick(pool, ctx) : undefined;
}

function composeNegative(p: Parts, ctx: RenderContext, emotion: Emotion, intensity: Intensity, labelNoise: boolean): void {
  const { rng, cat } = ctx;
  if (intensity === "mild") {
    // Polite, low-key complaint: reads almost like a neutral request on purpose.
    if (rng.chance(0.1)) p.add(pickFrom(T_OPENERS.negative, emotion, ctx) ?? "");
    const r = rng.next();
    // A bare question can be a complaint too ("Why did my bill change?"), judged by tone.
    p.addCore(renderPick(r < 0.5 || (!labelNoise && r >= 0.72) ? cat.mildProblems : r < 0.72 ? T_SUBJECT_LINES.negative : cat.asks, ctx));
    if (rng.chance(0.2)) p.add(renderPick(cat.details, ctx));
    if (rng.chance(0.15)) p.add(pickFrom(T_REACTIONS.negative, emotion, ctx) ?? "");
    if (rng.chance(0.55)) p.add(renderPick(rng.chance(0.6) ? T_CHECKS : cat.asks, ctx));
    if (rng.chance(0.3)) p.addClosing(renderPick(T_CLOSINGS.any, ctx));
    return;
  }
  const strong = intensity === "strong";
  if (rng.chance(strong ? 0.75 : 0.45)) p.add(pickFrom(T_OPENERS.negative, emotion, ctx) ?? "");
  p.addCore(renderPick(rng.chance(0.72) ? cat.problems : T_SUBJECT_LINES.negative, ctx));
  if (strong && rng.chance(0.3)) p.add(renderPick(cat.problems, ctx));
  if (rng.chance(0.35)) p.add(renderPick(cat.details, ctx));
  if (rng.chance(strong ? 0.9 : 0.55)) {
    let r = pickFrom(T_REACTIONS.negative, emotion, ctx) ?? "";
    if (strong && emotion === "anger" && rng.chance(0.5)) r = exclaim(r, rng.chance(0.5) ? "!" : "!!!");
    p.add(r);
  }
  if (rng.chance(strong ? 0.6 : 0.4)) p.add(pickFrom(T_DEMANDS, emotion, ctx) ?? "");
  if (rng.chance(0.3)) p.addClosing(renderPick(rng.chance(0.6) ? T_CLOSINGS.negative : T_CLOSINGS.any, ctx));
  // Shouting: upper-case one non-core sentence of an angry message.
  if (strong && emotion === "anger" && rng.chance(0.3) && p.list.length > 1) {
    const i = p.core === 0 ? 1 : 0;
    p.list[i] = p.list[i].toUpperCase();
  }
}

function composeNeutral(p: Parts, ctx: RenderContext, emotion: Emotion, intensity: Intensity, labelNoise: boolean): void {
  const { rng, cat } = ctx;
  if (rng.chance(intensity === "mild" ? 0.2 : 0.5)) p.add(pickFrom(T_OPENERS.neutral, emotion, ctx) ?? "");
  const r = rng.next();
  if (r < 0.45) {
    p.addCore(renderPick(cat.asks, ctx));
  } else if (r < 0.65) {
    p.addCore(renderPick(cat.info, ctx));
    p.add(renderPick(cat.asks, ctx));
  } else if (r < 0.85) {
    p.addCore(renderPick(T_SUBJECT_LINES.neutral, ctx));
    if (rng.chance(0.5)) p.add(renderPick(cat.asks, ctx));
  } else if (r < 0.89 || !labelNoise) {
    p.addCore(renderPick(cat.info, ctx));
  } else {
    // An issue reported calmly: the overlap zone with mild negatives.
    p.addCore(renderPick(rng.chance(0.6) ? cat.mildProblems : cat.problems, ctx));
    p.add(renderPick(T_CHECKS, ctx));
  }
  if (rng.chance(0.35)) p.add(renderPick(cat.details, ctx));
  if (intensity === "normal" && rng.chance(0.3)) p.add(pickFrom(T_REACTIONS.neutral, emotion, ctx) ?? "");
  if (rng.chance(0.45)) p.addClosing(renderPick(rng.chance(0.4) ? T_CLOSINGS.neutral : T_CLOSINGS.any, ctx));
}

function composePositive(p: Parts, ctx: RenderContext, emotion: Emotion, intensity: Intensity): void {
  const { rng, cat } = ctx;
  const strong = intensity === "strong";
  const mild = intensity === "mild";
  if (mild && rng.chance(0.6)) {
    // Acknowledgement plus ordinary business: the overlap zone with neutral requests.
    p.addCore(renderPick(T_ACKS, ctx));
    const r = rng.next();
    if (r < 0.45) p.add(renderPick(cat.asks, ctx));
    else if (r < 0.7) p.add(renderPick(cat.info, ctx));
    if (rng.chance(0.25)) p.add(renderPick(cat.details, ctx));
    if (rng.chance(0.4)) p.addClosing(renderPick(T_CLOSINGS.any, ctx));
    return;
  }
  if (rng.chance(mild ? 0.15 : strong ? 0.85 : 0.5)) {
    const o = pickFrom(T_OPENERS.positive, emotion, ctx) ?? "";
    p.add(strong && rng.chance(0.4) ? exclaim(o, "!!") : o);
  }
  p.addCore(renderPick(rng.chance(0.72) ? cat.praise : T_SUBJECT_LINES.positive, ctx));
  if (rng.chance(mild ? 0.3 : 0.25)) p.add(renderPick(cat.details, ctx));
  if (rng.chance(mild ? 0.2 : strong ? 0.9 : 0.55)) p.add(pickFrom(T_REACTIONS.positive, emotion, ctx) ?? "");
  if (strong && rng.chance(0.3)) p.add(pickFrom(T_REACTIONS.positive, emotion, ctx) ?? "");
  // Happy customers still ask things; this keeps "?" and question words from being neutral-only.
  if (rng.chance(mild ? 0.25 : 0.12)) p.add("Also, " + decapitalize(renderPick(cat.asks, ctx)));
  if (rng.chance(0.5)) p.addClosing(renderPick(rng.chance(0.55) ? T_CLOSINGS.positive : T_CLOSINGS.any, ctx));
}

const EMOTICON_P: Record<Sentiment, Record<Intensity, number>> = {
  negative: { mild: 0.04, normal: 0.1, strong: 0.28 },
  neutral: { mild: 0.04, normal: 0.08, strong: 0.08 },
  positive: { mild: 0.08, normal: 0.18, strong: 0.35 },
};

export function generateRequest(rng: Rng, opts: GenerateRequestOptions): GeneratedRequest {
  const def: CategoryDef = getCategory(opts.category);
  const { sentiment } = opts;
  const emotion = opts.emotion ?? pickEmotion(rng, sentiment, def.emotionTilt, def.slug);
  if (!isConsistent(sentiment, emotion)) {
    throw new RangeError(`emotion "${emotion}" is not consistent with sentiment "${sentiment}"`);
  }
  const channel = opts.channel ?? CHANNEL_PICKERS.get(def.name)!(rng);
  const ctx: RenderContext = { rng, cat: CAT_TEMPLATES.get(def.name)! };
  const intensity = INTENSITY[sentiment](rng);

  const parts = new Parts();
  const labelNoise = opts.labelNoise ?? true;
  if (sentiment === "negative") composeNegative(parts, ctx, emotion, intensity, labelNoise);
  else if (sentiment === "neutral") composeNeutral(parts, ctx, emotion, intensity, labelNoise);
  else composePositive(parts, ctx, emotion, intensity);
  if (parts.list.length === 1) {
    // One-liners are where duplicates come from ("How do I cancel?"), so most of them get
    // a factual detail (usually with a number) or a neutral lead-in.
    const r = rng.next();
    if (r < 0.55) parts.add(renderPick(ctx.cat.details, ctx));
    else if (r < 0.85 && parts.list[0].endsWith("?")) parts.list[0] = renderPick(T_LEADS, ctx) + decapitalize(parts.list[0]);
  }
  // The sign-off counts towards the sentence budget, so decide on it before trimming.
  const signoff = channel === "email" ? rng.chance(0.35) : channel === "web" && rng.chance(0.1);
  parts.trim(rng, signoff ? MAX_SENTENCES - 1 : MAX_SENTENCES);

  if (channel !== "phone" && rng.chance(EMOTICON_P[sentiment][intensity])) {
    const pool = EMOTICONS[sentiment][emotion];
    if (pool) {
      const last = parts.list.length - 1;
      parts.list[last] = parts.list[last] + " " + pool[Math.floor(rng.next() * pool.length)];
    }
  }

  if (signoff) {
    // A bare name is fine even if trimming removed the closing line.
    parts.list.push(renderPick(parts.closed ? T_SIGNOFFS.nameOnly : T_SIGNOFFS.full, ctx));
  }

  let text = parts.list.join(" ");
  if (channel === "phone") {
    if (rng.chance(0.7)) text = PHONE_PREFIXES[Math.floor(rng.next() * PHONE_PREFIXES.length)] + text;
  } else {
    const greetP = channel === "email" ? 0.6 : channel === "chat" ? 0.45 : 0.2;
    if (rng.chance(greetP)) {
      const g = renderPick(T_GREETINGS[channel], ctx);
      // "Hi, the app..." reads naturally on one line; "Hi, The app..." does not.
      text = g + " " + (g.endsWith(",") ? decapitalize(text) : text);
    }
  }
  if (rng.chance(TYPO_P[channel])) text = addTypo(text, rng);
  if (rng.chance(LOWERCASE_P[channel])) text = text.toLowerCase();
  if (channel === "chat" && rng.chance(0.3)) text = dropFinalStop(text);

  return { text, sentiment, emotion, channel };
}

/** Category drawn by traffic volume, sentiment by the category's baseline mix. */
export function generateLabelledExample(rng: Rng, labelNoise = true): LabelledExample {
  const def = CATEGORY_PICKER(rng);
  const sentiment = SENTIMENT_PICKERS.get(def.name)!(rng);
  const { text, emotion } = generateRequest(rng, { category: def.name, sentiment, labelNoise });
  return { text, sentiment, emotion, category: def.name };
}

/** Streaming variant for large training sets. */
export function* iterateLabelledExamples(rng: Rng, n: number, labelNoise = true): Generator<LabelledExample> {
  for (let i = 0; i < n; i++) yield generateLabelledExample(rng, labelNoise);
}

/** `n` labelled examples for training/evaluation datasets (`labelNoise`: see GenerateRequestOptions). */
export function generateLabelledExamples(rng: Rng, n: number, labelNoise = true): LabelledExample[] {
  const out: LabelledExample[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = generateLabelledExample(rng, labelNoise);
  return out;
}
