// The self-hosted emotion inference server: plain node:http, no framework, so it
// starts in milliseconds and runs beside the app, in a worker or on its own machine.
//
// Routes:
//   POST /  and  POST /predict    Hugging Face text-classification (see protocol.ts)
//   GET  /health                  {"status": "ok"} once the model is loaded
//   GET  /info                    {model_id, labels, backend, max_input_length, max_batch}
// Errors are JSON {"error": "...", "error_type": "..."} (the shape the Hugging Face
// client and Text Embeddings Inference both use), with 400 malformed JSON, 404 unknown
// route, 405 wrong method, 413 batch/text/body too large, 415 not JSON, 422 bad
// inputs, 500 model failure.
import http from "node:http";
import { MAX_TEXT_LENGTH } from "../validation";
import { applyTopK, parsePredictRequest, ProtocolError } from "./protocol";
import type { EmotionBackend } from "./types";

export type ServerLog = (level: "debug" | "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) => void;

export interface EmotionServerOptions {
  backend: EmotionBackend;
  /** Most inputs per request (default 32). */
  maxBatch?: number;
  /** Longest text in characters (default 20,000, the sentiment engine's limit). */
  maxInputChars?: number;
  /** Largest request body in bytes (default 4 MiB: a full batch of maximum-length texts fits). */
  maxBodyBytes?: number;
  log?: ServerLog;
}

export const DEFAULT_MAX_BATCH = 32;
export const DEFAULT_MAX_INPUT_CHARS = MAX_TEXT_LENGTH;
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

const PREDICT_PATHS = new Set(["/", "/predict"]);
// Past this many bytes an oversized body is cut off instead of drained (see readBody).
const DRAIN_FACTOR = 4;

export function createEmotionServer(options: EmotionServerOptions): http.Server {
  const backend = options.backend;
  const limits = { maxBatch: options.maxBatch ?? DEFAULT_MAX_BATCH, maxInputChars: options.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS };
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log: ServerLog = options.log ?? (() => {});
  const info = {
    model_id: backend.id,
    labels: [...backend.labels],
    backend: backend.kind,
    max_input_length: limits.maxInputChars,
    max_batch: limits.maxBatch,
    // Text Embeddings Inference's name for the same limit, for clients written against it.
    max_client_batch_size: limits.maxBatch,
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log("error", "emotion request failed", { error });
      if (!res.headersSent) fail(res, 500, "internal error");
      else res.destroy();
    });
  });
  // A slow or stalled client must not hold a connection for the default five minutes.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  // While shutting down, answers tell keep-alive clients to hang up, so the
  // connections of requests still in flight close as soon as they are answered.
  function reply(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
    sendJson(res, status, value, server.listening ? headers : { ...headers, Connection: "close" });
  }

  function fail(res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
    reply(res, status, { error: message, error_type: ERROR_TYPES[status] ?? "error" }, headers);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader("X-Model-Id", backend.id);
    const pathname = routePath(req.url);
    if (pathname === "/health" || pathname === "/info") {
      if (req.method !== "GET" && req.method !== "HEAD") return fail(res, 405, "use GET", { Allow: "GET, HEAD" });
      return reply(res, 200, pathname === "/health" ? { status: "ok" } : info);
    }
    if (!PREDICT_PATHS.has(pathname)) return fail(res, 404, `no route ${pathname}`);
    if (req.method !== "POST") return fail(res, 405, "use POST", { Allow: "POST" });

    const contentType = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (contentType !== "application/json") {
      return fail(res, 415, `content-type must be application/json, got ${contentType || "none"}`);
    }
    const body = await readBody(req, maxBodyBytes);
    if (body === "too-large") {
      return fail(res, 413, `request body exceeds ${maxBodyBytes} bytes`, { Connection: "close" });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch (e) {
      return fail(res, 400, `malformed JSON: ${(e as Error).message}`);
    }
    let request;
    try {
      request = parsePredictRequest(parsed, limits);
    } catch (e) {
      if (e instanceof ProtocolError) return fail(res, e.status, e.message);
      throw e;
    }
    const started = performance.now();
    let results;
    try {
      results = await backend.classify(request.texts);
    } catch (error) {
      log("error", "emotion model failed", { error, inputs: request.texts.length });
      return fail(res, 500, "the emotion model failed on this request");
    }
    log("debug", "emotion request", { inputs: request.texts.length, ms: +(performance.now() - started).toFixed(2) });
    reply(res, 200, applyTopK(results, request.topK));
  }

  return server;
}

/**
 * Stops accepting connections, lets requests in flight finish, closes idle keep-alive
 * connections at once and cuts any connection still open after `graceMs`.
 */
export function shutdownServer(server: http.Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function routePath(url: string | undefined): string {
  const pathname = (url ?? "/").split("?")[0];
  return pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
}

/**
 * Reads the body up to `limit` bytes. An oversized body is drained (so the client,
 * still sending, reads the 413 instead of a reset connection), unless it goes on far
 * beyond the limit, in which case the connection is cut.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? NaN);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > limit * DRAIN_FACTOR) {
          resolve("too-large");
          req.destroy();
        }
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

const ERROR_TYPES: Record<number, string> = {
  400: "bad_request",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation",
  500: "backend",
};
