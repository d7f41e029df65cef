// The app's connection to an emotion service: this project's emotion server, Text
// Embeddings Inference or a Hugging Face Inference Endpoint, at EMOTION_INFERENCE_URL.
//
// Emotion is an enrichment, never a reason for an analysis to fail: every fault of
// the service (down, slow, 5xx, nonsense answer) comes back as `null` / an outcome
// with ok: false, and the caller stores the prediction with emotion pending for the
// backfill. Protection around the call:
// - one deadline (timeoutMs, default EMOTION_TIMEOUT_MS) for the whole call, retries included;
// - one retry after a short pause for a failure that leaves time (refused connection,
//   reset, 5xx), none after a timeout;
// - a circuit breaker (circuit-breaker.ts), so a dead service costs nothing per call.
// @huggingface/inference's own retry on 503 is unbounded and is switched off. Why its return
// value is not used (it holds the first input's scores only): docs/kept-infrastructure.md.
import { textClassification, type TextClassificationArgs } from "@huggingface/inference";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { CircuitBreaker, type BreakerState } from "./circuit-breaker";
import { encodeInputs, normalizeClassification, WireFormatError, type WireScore } from "./wire";

export interface EmotionResult {
  /** The best label. */
  label: string;
  /** Score of every label the service returned. */
  scores: Record<string, number>;
  /** The model that produced it (the server's X-Model-Id, else the endpoint). */
  model: string;
}

export type EmotionOutcome =
  | { ok: true; results: EmotionResult[] }
  | {
      ok: false;
      /**
       * disabled: no service configured; unavailable: down, slow, failing or the breaker
       * is open (try again later); rejected: the service refused these inputs (400/413/422),
       * so sending them again will not help.
       */
      reason: "disabled" | "unavailable" | "rejected";
      message: string;
    };

export interface EmotionClientOptions {
  /** Endpoint URL, used exactly as given (e.g. http://127.0.0.1:8090/ or https://host/predict). */
  url: string;
  /** Sent as Authorization: Bearer when set. */
  token?: string;
  timeoutMs?: number;
  /** Extra attempts after a failure that left time before the deadline (default 1). */
  retries?: number;
  retryDelayMs?: number;
  /** Consecutive failures that open the breaker (default 3). */
  failureThreshold?: number;
  /** How long an open breaker refuses calls before one trial (default 30 s). */
  coolDownMs?: number;
  /** Inputs per request; longer lists are sent in several requests (default 32). */
  maxBatch?: number;
  /** Request shape; "auto" uses TEI's batch shape when the URL path ends in /predict. */
  style?: "hf" | "tei" | "auto";
}

export interface EmotionServiceStatus {
  configured: boolean;
  /** The endpoint without credentials or query. */
  endpoint: string | null;
  /** "disabled" when no URL is configured. */
  state: BreakerState | "disabled";
  /** False when disabled or while the breaker is open. */
  available: boolean;
  consecutiveFailures: number;
  lastError: string | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  /** When an open breaker lets the next trial through. */
  retryAt: Date | null;
}

export interface EmotionClient {
  /** Emotion of every text, in order, or null when the service cannot answer now. */
  classify(texts: string[]): Promise<EmotionResult[] | null>;
  classifyDetailed(texts: string[]): Promise<EmotionOutcome>;
  status(): EmotionServiceStatus;
}

const REJECTED_STATUSES = new Set([400, 413, 422]);

class AttemptError extends Error {
  constructor(
    message: string,
    readonly kind: "unavailable" | "rejected" | "timeout",
  ) {
    super(message);
  }
}

export function createEmotionClient(options: EmotionClientOptions): EmotionClient {
  const url = new URL(options.url).toString();
  const endpoint = displayEndpoint(url);
  const timeoutMs = options.timeoutMs ?? 2000;
  const retries = options.retries ?? 1;
  const retryDelayMs = options.retryDelayMs ?? 50;
  const maxBatch = options.maxBatch ?? 32;
  const style = options.style === "hf" || options.style === "tei" ? options.style : new URL(url).pathname.replace(/\/+$/, "").endsWith("/predict") ? "tei" : "hf";
  const health = { lastError: null as string | null, lastSuccessAt: null as Date | null, lastFailureAt: null as Date | null };
  const breaker = new CircuitBreaker({
    failureThreshold: options.failureThreshold ?? 3,
    coolDownMs: options.coolDownMs ?? 30_000,
    onStateChange: (state, previous) => {
      const fields = { endpoint, state, previous, lastError: health.lastError };
      if (state === "open") logger.warn("emotion service circuit opened: emotions stay pending until it recovers", fields);
      else logger.info(`emotion service circuit ${state}`, fields);
    },
  });

  async function attempt(texts: string[], signal: AbortSignal): Promise<EmotionResult[]> {
    const seen: { status?: number; modelId?: string | null; lists?: WireScore[][] } = {};
    // The custom fetch is where other servers' answers are made to fit: it reads the
    // body once, normalizes it to one list per input (TEI's flat single answer
    // included), keeps that for us and hands the client the nested form it validates.
    // textClassification itself returns only the first input's list.
    const adaptingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      seen.status = response.status;
      seen.modelId = response.headers.get("x-model-id");
      if (!response.ok) return response;
      let body: unknown;
      try {
        body = await response.json();
      } catch (e) {
        if (signal.aborted) throw e;
        throw new WireFormatError("the emotion service answered with something other than JSON");
      }
      seen.lists = normalizeClassification(body, texts.length);
      return Response.json(seen.lists);
    };
    const args = {
      endpointUrl: url,
      accessToken: options.token,
      inputs: encodeInputs(texts, style),
      // Every label's score (the app stores the distribution); TEI's /predict returns them all anyway.
      ...(style === "hf" ? { parameters: { top_k: null } } : {}),
    } as unknown as TextClassificationArgs;
    try {
      await textClassification(args, { fetch: adaptingFetch, retry_on_error: false, signal });
    } catch (e) {
      if (signal.aborted) throw new AttemptError(`no answer within ${timeoutMs} ms`, "timeout");
      if (seen.status !== undefined && REJECTED_STATUSES.has(seen.status)) throw new AttemptError(describe(e), "rejected");
      throw new AttemptError(seen.status && seen.status >= 300 ? `HTTP ${seen.status}: ${describe(e)}` : describe(e), "unavailable");
    }
    const model = seen.modelId || endpoint;
    return seen.lists!.map((list) => ({
      label: list[0].label,
      scores: Object.fromEntries(list.map((s) => [s.label, s.score])),
      model,
    }));
  }

  async function withRetries(texts: string[], signal: AbortSignal): Promise<EmotionResult[]> {
    for (let tries = 0; ; tries++) {
      try {
        return await attempt(texts, signal);
      } catch (e) {
        const error = e as AttemptError;
        if (error.kind !== "unavailable" || tries >= retries || signal.aborted) throw error;
        await sleep(retryDelayMs, signal);
      }
    }
  }

  async function classifyDetailed(texts: string[]): Promise<EmotionOutcome> {
    if (texts.length === 0) return { ok: true, results: [] };
    if (!breaker.tryAcquire()) {
      return { ok: false, reason: "unavailable", message: `emotion service circuit is open after ${breaker.consecutiveFailures} failures` };
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const results: EmotionResult[] = [];
      for (let i = 0; i < texts.length; i += maxBatch) {
        results.push(...(await withRetries(texts.slice(i, i + maxBatch), controller.signal)));
      }
      health.lastSuccessAt = new Date();
      breaker.recordSuccess();
      return { ok: true, results };
    } catch (e) {
      const error = e instanceof AttemptError ? e : new AttemptError(describe(e), "unavailable");
      if (error.kind === "rejected") {
        // The service is up and answered; only these inputs are wrong.
        breaker.recordSuccess();
        logger.warn("emotion service rejected a request", { endpoint, inputs: texts.length, error: error.message });
        return { ok: false, reason: "rejected", message: error.message };
      }
      health.lastError = error.message;
      health.lastFailureAt = new Date();
      breaker.recordFailure();
      logger.debug("emotion service call failed", { endpoint, error: error.message });
      return { ok: false, reason: "unavailable", message: error.message };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    classifyDetailed,
    async classify(texts) {
      const outcome = await classifyDetailed(texts);
      return outcome.ok ? outcome.results : null;
    },
    status() {
      const retryAt = breaker.retryAt;
      return {
        configured: true,
        endpoint,
        state: breaker.state,
        available: breaker.state !== "open",
        consecutiveFailures: breaker.consecutiveFailures,
        ...health,
        retryAt: retryAt === null ? null : new Date(retryAt),
      };
    },
  };
}

// ---- the process-wide client, configured from the environment ---------------------------

const DISABLED_STATUS: EmotionServiceStatus = {
  configured: false,
  endpoint: null,
  state: "disabled",
  available: false,
  consecutiveFailures: 0,
  lastError: null,
  lastSuccessAt: null,
  lastFailureAt: null,
  retryAt: null,
};

const globalForEmotion = globalThis as unknown as { __csaEmotionClient?: EmotionClient | null };

/** The client for EMOTION_INFERENCE_URL, or null when none is configured. Survives dev reloads. */
export function defaultEmotionClient(): EmotionClient | null {
  if (globalForEmotion.__csaEmotionClient === undefined) {
    const config = env();
    globalForEmotion.__csaEmotionClient = config.EMOTION_INFERENCE_URL
      ? createEmotionClient({ url: config.EMOTION_INFERENCE_URL, token: config.EMOTION_INFERENCE_TOKEN, timeoutMs: config.EMOTION_TIMEOUT_MS })
      : null;
  }
  return globalForEmotion.__csaEmotionClient;
}

/**
 * Emotion of every text, in input order, from the configured service; null when it
 * is not configured or cannot answer now (store the prediction with emotion pending).
 * Never throws for a service fault.
 */
export async function classifyEmotions(texts: string[]): Promise<EmotionResult[] | null> {
  return (await defaultEmotionClient()?.classify(texts)) ?? null;
}

/** Like classifyEmotions, saying why there is no answer. */
export async function classifyEmotionsDetailed(texts: string[]): Promise<EmotionOutcome> {
  const client = defaultEmotionClient();
  if (!client) return { ok: false, reason: "disabled", message: "EMOTION_INFERENCE_URL is not set" };
  return client.classifyDetailed(texts);
}

/** For readiness checks and the admin view; makes no request. */
export function emotionServiceStatus(): EmotionServiceStatus {
  return defaultEmotionClient()?.status() ?? DISABLED_STATUS;
}

function displayEndpoint(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // Node's fetch hides the reason (ECONNREFUSED…) in `cause`.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ? `${error.message} (${cause.code})` : error.message;
  }
  return String(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
