// Requests the web server (server/serve.ts) answers itself, in the API's JSON error shape,
// because Next.js or Node would otherwise answer them badly.
import http from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { AppError } from "@/lib/platform/errors";

/** Server actions accept at most this much; Next.js answers a bigger page POST with a bare 500. */
export const MAX_PAGE_POST_BYTES = 1024 * 1024;

/** How long a refused connection keeps reading what its client is still sending. */
export const LINGER_MS = 5000;

/** Why Next.js should not see this request, or null. */
export function refusal(req: http.IncomingMessage): AppError | null {
  const pathname = (req.url ?? "/").split("?")[0];
  try {
    decodeURIComponent(pathname);
  } catch {
    return new AppError("bad_request:path", "The path has a %-escape that is not valid UTF-8.");
  }
  if (req.method === "POST" && !pathname.startsWith("/api/") && Number(req.headers["content-length"] ?? 0) > MAX_PAGE_POST_BYTES) {
    return formTooLarge();
  }
  if (req.method === "POST" && !pathname.startsWith("/api/") && isForeignOrigin(req)) {
    return new AppError("forbidden:origin", "Forms must be sent from this site.");
  }
  return null;
}

/**
 * A page POST (a server action) whose Origin names another site, or is "null" or
 * malformed. Next.js refuses those too, by the same rule (Origin against X-Forwarded-Host,
 * else Host; no Origin at all is let through for old browsers), but with a bare 500.
 */
function isForeignOrigin(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const forwarded = req.headers["x-forwarded-host"];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() || req.headers.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

function formTooLarge(): AppError {
  return new AppError("payload_too_large", `A form may send at most ${MAX_PAGE_POST_BYTES} bytes.`);
}

/** What to answer a request Node's HTTP parser gave up on, by the parser's error code. */
function clientErrorAnswer(code: string | undefined): AppError {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return new AppError("headers_too_large", `The request line and headers are larger than ${http.maxHeaderSize} bytes.`);
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return new AppError("payload_too_large", "The chunk extensions are too large.");
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new AppError("request_timeout", "The request was not received in time.");
    default:
      return new AppError("bad_request:http", "The request is not valid HTTP.");
  }
}

const answered = new WeakSet<Duplex>();

/**
 * The server's 'clientError' handler. Node's own answer writes the status and destroys
 * the socket at once; a client still sending a body (a long URL with a POST) then gets a
 * connection reset instead of the answer. Here the answer is written, the socket
 * half-closed, and the rest of what the client sends is read and dropped for a few
 * seconds (a "lingering close"), so the client finishes sending and reads the 4xx. Node's
 * parser keeps reporting the same error for each further chunk; those are ignored.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (answered.has(socket)) return;
  answered.add(socket);
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const refused = clientErrorAnswer(error.code);
  const body = JSON.stringify(refused.toJSON());
  socket.end(
    `HTTP/1.1 ${refused.status} ${http.STATUS_CODES[refused.status]}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

const MULTIPART = /^\s*multipart\/form-data\b/i;

/**
 * A page POST with a multipart body (a server action sent by a form) whose body cannot be
 * parsed is answered 400 here: Next.js parses it only inside the action handler and
 * answers a bare 500 when that fails. Any other request returns false at once and pays
 * nothing but the method and content-type checks; API routes parse their own bodies.
 *
 * The body is read (at most MAX_PAGE_POST_BYTES, the server actions' own limit), checked
 * with the same parser Next.js uses for a form without JavaScript (`Request.formData()`),
 * then handed on to `handle` as a fresh request object holding the same bytes. (An action
 * called from JavaScript, with a `Next-Action` header, is parsed by Next.js with busboy; a
 * body that busboy would take but undici refuses gets the 400 too. Browsers' bodies suit both.)
 * Returns true when it took the request over.
 */
export function checkMultipartPagePost(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => unknown,
): boolean {
  if (req.method !== "POST") return false;
  const contentType = req.headers["content-type"];
  if (!contentType || !MULTIPART.test(contentType) || (req.url ?? "/").startsWith("/api/")) return false;
  readAndCheck(req, res, contentType, handle).catch((error: unknown) => {
    // Nothing here is expected to throw; if something does, this request fails alone
    // instead of an unhandled rejection ending the worker and its other requests.
    console.error(JSON.stringify({ time: new Date().toISOString(), level: "error", message: "multipart page post check failed", error: String(error) }));
    answer(res, new AppError("internal", "Internal error."));
  });
  return true;
}

/** Answers `res` with `refused` in the API's JSON error shape (unless an answer has started). */
export function answer(res: http.ServerResponse, refused: AppError, close = false): void {
  if (res.headersSent) return;
  res.writeHead(refused.status, { "content-type": "application/json", ...(close ? { connection: "close" } : {}) });
  res.end(JSON.stringify(refused.toJSON()));
}

async function readAndCheck(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  contentType: string,
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => unknown,
): Promise<void> {
  const body = await new Promise<Buffer<ArrayBuffer> | null>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAGE_POST_BYTES) {
        chunks.push(chunk);
        return;
      }
      // A chunked body with no declared length (a declared one is refused before this).
      // The rest is read and dropped, for a few seconds at most, so that a client still
      // sending reads the 413 instead of a connection reset.
      req.off("data", onData);
      req.off("end", onEnd);
      chunks.length = 0;
      const socket = req.socket;
      // Once a "connection: close" answer is written, Node calls socket.destroySoon(), which
      // destroys the socket as soon as the answer is flushed, and the client's next write
      // gets a reset. Ending only our side instead (the server's sockets allow half-open
      // connections) keeps reading, so the client sees the 413; the timer closes it.
      socket.destroySoon = () => socket.end();
      answer(res, formTooLarge(), true);
      req.resume();
      setTimeout(() => socket.destroy(), LINGER_MS).unref();
      resolve(null);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on("data", onData);
    req.once("end", onEnd);
    // The client went away mid-body: nobody to answer.
    req.once("error", () => resolve(null));
    req.once("aborted", () => resolve(null));
  });
  if (!body) return;
  try {
    await new Request("http://localhost/", { method: "POST", headers: { "content-type": contentType }, body }).formData();
  } catch {
    answer(res, new AppError("bad_request:form", "The form data cannot be parsed as multipart/form-data."));
    return;
  }
  handle(replay(req, body), res);
}

/** A request object like `req` (same socket, line and headers) whose body is `body`. */
function replay(req: http.IncomingMessage, body: Buffer): http.IncomingMessage {
  const copy = new http.IncomingMessage(req.socket as Socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.trailers = req.trailers;
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}
