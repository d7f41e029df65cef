// Readiness: can this instance serve real work right now? It needs its database, the
// emotion server and a background worker (training, emotion backfill, webhooks). (Liveness, /api/health, asks only whether the process answers.)
// The answer names each check and how it went, never a URL, path or credential: it is
// public, for load balancers and monitors.
import { pingDatabase } from "@/db/queries/health";
import { newestWorkerBeat } from "@/db/queries/worker-heartbeats";
import { WORKER_BEAT_STALE_MS } from "@/lib/ops/worker-heartbeat";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";

/** A probe that waits longer than this is as bad as a failure to a load balancer. */
export const CHECK_TIMEOUT_MS = 1500;

export type CheckResult =
  | { status: "ok"; ms: number }
  | { status: "failed"; ms: number; error: string }
  /**
   * The emotion server when EMOTION_INFERENCE_URL is unset: emotions are switched off,
   * nothing to wait for. The worker when none has ever reported to this database, or the
   * last one stopped cleanly (`npm run dev` and `next start` alone run none).
   */
  | { status: "disabled" };

export type Readiness = { status: "ready" | "not_ready"; checks: { database: CheckResult; emotion: CheckResult; worker: CheckResult } };

class CheckTimeout extends Error {}

async function timed(name: string, check: (signal: AbortSignal) => Promise<void>, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CheckTimeout());
    }, timeoutMs);
  });
  try {
    await Promise.race([check(controller.signal), deadline]);
    return { status: "ok", ms: Math.round(performance.now() - started) };
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    // The detail (which may name a host or file) goes to the log only.
    if (!(error instanceof CheckTimeout)) logger.warn("readiness check failed", { check: name, error });
    return { status: "failed", ms, error: error instanceof CheckTimeout ? `no answer within ${timeoutMs} ms` : publicReason(error) };
  } finally {
    clearTimeout(timer);
  }
}

function publicReason(error: unknown): string {
  if (error instanceof HttpStatusError) return `answered HTTP ${error.status}`;
  return "unreachable";
}

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The health URL of an inference endpoint: its server's /health (this project's server and TEI both have one). */
export function emotionHealthUrl(endpoint: string): string {
  return new URL("/health", endpoint).toString();
}

export async function checkDatabase(timeoutMs = CHECK_TIMEOUT_MS): Promise<CheckResult> {
  return timed("database", () => pingDatabase(), timeoutMs);
}

export async function checkEmotionServer(
  endpoint: string | undefined,
  { token, timeoutMs = CHECK_TIMEOUT_MS }: { token?: string; timeoutMs?: number } = {},
): Promise<CheckResult> {
  if (!endpoint) return { status: "disabled" };
  return timed(
    "emotion",
    async (signal) => {
      const response = await fetch(emotionHealthUrl(endpoint), {
        signal,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        redirect: "manual",
      });
      await response.body?.cancel();
      if (!response.ok) throw new HttpStatusError(response.status);
    },
    timeoutMs,
  );
}

/**
 * The worker: failed when the newest heartbeat of any worker is older than
 * WORKER_BEAT_STALE_MS (killed, and not yet back), saying how long ago it was.
 */
export async function checkWorker(now = Date.now()): Promise<CheckResult> {
  const seen: { at: Date | null } = { at: null };
  const result = await timed("worker", async () => void (seen.at = await newestWorkerBeat()), CHECK_TIMEOUT_MS);
  if (result.status !== "ok") return result; // the database did not answer
  if (seen.at === null) return { status: "disabled" };
  const ageMs = now - seen.at.getTime();
  if (ageMs > WORKER_BEAT_STALE_MS) return { status: "failed", ms: result.ms, error: `no heartbeat for ${Math.round(ageMs / 1000)} s` };
  return result;
}

/** Every check, at the same time; ready only when none failed. */
export async function readiness(): Promise<Readiness> {
  const config = env();
  const [database, emotion, worker] = await Promise.all([
    checkDatabase(),
    checkEmotionServer(config.EMOTION_INFERENCE_URL, { token: config.EMOTION_INFERENCE_TOKEN }),
    checkWorker(),
  ]);
  const ready = database.status !== "failed" && emotion.status !== "failed" && worker.status !== "failed";
  return { status: ready ? "ready" : "not_ready", checks: { database, emotion, worker } };
}
