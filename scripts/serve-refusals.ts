// Requests the web server (scripts/serve.ts) answers itself, in the API's JSON error shape,
// because Next.js or Node would otherwise answer them badly.
import http from "node:http";
import type { Duplex } from "node:stream";
import { AppError } from "@/lib/errors";

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
    return new AppError("payload_too_large", `A form may send at most ${MAX_PAGE_POST_BYTES} bytes.`);
  }
  return null;
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
